using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using VillageReports.Storage;
using VillageReports.Units;

namespace VillageReports.Reports;

/// <summary>
/// Report versions: the PDF and its JSON figures in Blob storage (sha256 in the blob metadata), and an index row per
/// version in the reports table. Versions are only ever added.
/// </summary>
public sealed class ReportStore(StorageResources storage, StorageNames names)
{
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(60);

    public async Task<IReadOnlyList<ReportVersion>> ListAsync(UnitCode town, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(names.ReportsTable);
        var partition = StorageKeys.ReportPartition(town);
        var rows = await table.QueryAsync<ReportEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken).ToListAsync(cancellationToken);
        return rows.Select(r => r.ToVersion()).OrderBy(v => v.Kind.Name(), StringComparer.Ordinal).ThenBy(v => v.Report.ToString(), StringComparer.Ordinal).ThenBy(v => v.Version).ToList();
    }

    public async Task<ReportVersion?> LatestAsync(UnitCode town, ReportPeriod report, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(names.ReportsTable);
        var partition = StorageKeys.ReportPartition(town);
        var from = StorageKeys.ReportRowsFrom(report);
        var to = StorageKeys.ReportRowsTo(report);
        var rows = await table.QueryAsync<ReportEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {from} and RowKey lt {to}"), cancellationToken: cancellationToken).ToListAsync(cancellationToken);
        return rows.Select(r => r.ToVersion()).MaxBy(v => v.Version);
    }

    public async Task<ReportVersion?> FindAsync(UnitCode town, ReportPeriod report, int version, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(names.ReportsTable);
        var row = await table.GetEntityIfExistsAsync<ReportEntity>(StorageKeys.ReportPartition(town), StorageKeys.ReportRow(report, version), cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity ? entity.ToVersion() : null;
    }

    /// <summary>Uploads the PDF and JSON, then indexes the version. Call under <see cref="LockAsync"/>: only the lease holder writes a version.</summary>
    public async Task<ReportVersion> AddAsync(UnitCode town, ReportPeriod report, int version, string inputsHash, DateTimeOffset created, byte[] pdf, byte[] json, CancellationToken cancellationToken)
    {
        var container = await storage.ContainerAsync(names.ReportsContainer);
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf));
        var pdfBlob = StorageKeys.ReportBlob(town, report, version, "pdf");
        var jsonBlob = StorageKeys.ReportBlob(town, report, version, "json");
        var metadata = new Dictionary<string, string> { ["sha256"] = sha256, ["version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture), ["inputshash"] = inputsHash };
        // The two files at once; the index row only once both exist, so a listed version can always be downloaded.
        await Task.WhenAll(
            container.GetBlobClient(pdfBlob).UploadAsync(new BinaryData(pdf), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/pdf" }, Metadata = metadata }, cancellationToken),
            container.GetBlobClient(jsonBlob).UploadAsync(new BinaryData(json), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json; charset=utf-8" }, Metadata = metadata }, cancellationToken));

        var entry = new ReportVersion(town, report, version, pdf.Length, sha256, created, inputsHash, pdfBlob, jsonBlob, DeliveryQueued: false);
        var table = await storage.TableAsync(names.ReportsTable);
        await table.AddEntityAsync(ReportEntity.From(entry), cancellationToken);
        return entry;
    }

    public async Task MarkDeliveryQueuedAsync(ReportVersion version, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(names.ReportsTable);
        var row = new TableEntity(StorageKeys.ReportPartition(version.Town), StorageKeys.ReportRow(version.Report, version.Version)) { ["DeliveryQueued"] = true };
        await table.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>The town's own annual report template, or null when it uses the one shipped with the app.</summary>
    public async Task<string?> GetAnnualTemplateAsync(UnitCode town, CancellationToken cancellationToken)
    {
        var container = await storage.ContainerAsync(names.ReportsContainer);
        try
        {
            return (await container.GetBlobClient(StorageKeys.AnnualTemplateBlob(town)).DownloadContentAsync(cancellationToken)).Value.Content.ToString();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Stores the town's template; blob versioning (in Azure) keeps every earlier one.</summary>
    public async Task SaveAnnualTemplateAsync(UnitCode town, string source, CancellationToken cancellationToken)
    {
        var container = await storage.ContainerAsync(names.ReportsContainer);
        await container.GetBlobClient(StorageKeys.AnnualTemplateBlob(town)).UploadAsync(BinaryData.FromString(source),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "text/plain; charset=utf-8" } }, cancellationToken);
    }

    public async Task<Stream> OpenAsync(string blobName, CancellationToken cancellationToken)
    {
        var container = await storage.ContainerAsync(names.ReportsContainer);
        return await container.GetBlobClient(blobName).OpenReadAsync(cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Holds a 60-second lease for one town, kind and period, so two runs of the same job never write the same
    /// version; a crashed holder's lease simply expires. Null when another run holds it.
    /// </summary>
    public async Task<IAsyncDisposable?> LockAsync(UnitCode town, ReportPeriod report, CancellationToken cancellationToken)
    {
        var container = await storage.ContainerAsync(names.ReportsContainer);
        var blob = container.GetBlobClient(StorageKeys.ReportLockBlob(town, report));
        var lease = blob.GetBlobLeaseClient();
        try
        {
            await lease.AcquireAsync(LeaseDuration, cancellationToken: cancellationToken);
            return new Lease(lease);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // The report's first run: the lock blob does not exist yet. Every later run takes the lease in one call.
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }

        try
        {
            await blob.UploadAsync(BinaryData.Empty, overwrite: false, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // A racing first run created it (and may hold its lease already): the lease below settles who goes on.
        }

        try
        {
            await lease.AcquireAsync(LeaseDuration, cancellationToken: cancellationToken);
            return new Lease(lease);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    /// <summary>
    /// <see cref="LockAsync"/>, waiting with jitter (so racing runs spread out) up to <paramref name="patience"/> for a
    /// run that holds it; a crashed holder's lease expires within <see cref="LeaseDuration"/>. Null when still held.
    /// </summary>
    public async Task<IAsyncDisposable?> WaitForLockAsync(UnitCode town, ReportPeriod report, TimeSpan patience, TimeProvider clock, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        while (true)
        {
            if (await LockAsync(town, report, cancellationToken) is { } held)
            {
                return held;
            }

            if (clock.GetElapsedTime(started) > patience)
            {
                return null;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(200, 800)), clock, cancellationToken);
        }
    }

    /// <summary>Released once, however often disposed: a run may let it go before its end.</summary>
    private sealed class Lease(BlobLeaseClient lease) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 1)
            {
                return;
            }

            try
            {
                await lease.ReleaseAsync();
            }
            catch (RequestFailedException)
            {
                // Expired already: nothing to release.
            }
        }
    }

    private sealed class ReportEntity : ITableEntity
    {
        public string PartitionKey { get; set; } = "";
        public string RowKey { get; set; } = "";
        public DateTimeOffset? Timestamp { get; set; }
        public ETag ETag { get; set; }
        public string Kind { get; set; } = "";
        public string Period { get; set; } = "";
        public int Version { get; set; }
        public long Size { get; set; }
        public string Sha256 { get; set; } = "";
        public DateTimeOffset Created { get; set; }
        public string InputsHash { get; set; } = "";
        public string PdfBlob { get; set; } = "";
        public string JsonBlob { get; set; } = "";
        public bool DeliveryQueued { get; set; }

        public static ReportEntity From(ReportVersion v) => new()
        {
            PartitionKey = StorageKeys.ReportPartition(v.Town),
            RowKey = StorageKeys.ReportRow(v.Report, v.Version),
            Kind = v.Kind.Name(),
            Period = v.Report.ToString(),
            Version = v.Version,
            Size = v.Size,
            Sha256 = v.Sha256,
            Created = v.Created,
            InputsHash = v.InputsHash,
            PdfBlob = v.PdfBlob,
            JsonBlob = v.JsonBlob,
            DeliveryQueued = v.DeliveryQueued,
        };

        public ReportVersion ToVersion() =>
            ReportPeriod.TryParse(Kind, Period, out var report)
                ? new(UnitCode.Parse(PartitionKey), report, Version, Size, Sha256, Created, InputsHash, PdfBlob, JsonBlob, DeliveryQueued)
                : throw new InvalidDataException($"Report row {PartitionKey}/{RowKey} names no report period.");
    }
}
