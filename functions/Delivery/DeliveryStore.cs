using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using VillageReports.Storage;
using VillageReports.Units;

namespace VillageReports.Delivery;

/// <summary>What was delivered, and every attempt to notify the county: one partition per town.</summary>
public sealed class DeliveryStore(StorageResources storage, StorageNames names, TimeProvider clock)
{
    public const string Delivered = "delivered";
    public const string Failed = "failed";
    public const string Sending = "sending";

    /// <summary>
    /// Claims a version's delivery for this run: <see cref="Delivered"/> when it was delivered, <see cref="Sending"/>
    /// when another run is delivering it right now (a duplicate message), null when claimed; a failed one, or one
    /// left by a run that died, is taken over. Once per version.
    /// </summary>
    public async Task<string?> TryClaimAsync(UnitCode town, ReportPeriod report, int version, DateTimeOffset now, TimeSpan abandonedAfter, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(names.DeliveriesTable);
        var claim = new TableEntity(StorageKeys.DeliveryPartition(town), StorageKeys.DeliveryRow(report, version))
        {
            ["Kind"] = report.Kind.Name(),
            ["Period"] = report.ToString(),
            ["Version"] = version,
            ["Status"] = Sending,
            ["InboxPdf"] = "",
            ["Updated"] = now,
        };
        try
        {
            await table.AddEntityAsync(claim, cancellationToken);
            return null;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var existing = (await table.GetEntityAsync<TableEntity>(claim.PartitionKey, claim.RowKey, cancellationToken: cancellationToken)).Value;
            var status = existing.GetString("Status");
            var abandoned = status == Sending && now - (existing.GetDateTimeOffset("Updated") ?? now) > abandonedAfter;
            if (status == Delivered || (status == Sending && !abandoned))
            {
                return status;
            }

            try
            {
                await table.UpdateEntityAsync(claim, existing.ETag, TableUpdateMode.Replace, cancellationToken);
                return null;
            }
            catch (RequestFailedException lost) when (lost.Status == 412)
            {
                return Sending;
            }
        }
    }

    public async Task SetStatusAsync(DeliveryJob job, string status, string inboxPdf, DateTimeOffset at, string? error, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(names.DeliveriesTable);
        var (town, report) = Keys(job);
        await table.UpsertEntityAsync(new TableEntity(StorageKeys.DeliveryPartition(town), StorageKeys.DeliveryRow(report, job.Version))
        {
            ["Kind"] = job.Kind,
            ["Period"] = job.Period,
            ["Version"] = job.Version,
            ["Status"] = status,
            ["InboxPdf"] = inboxPdf,
            ["Updated"] = at,
            ["LastError"] = error,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task AddAttemptAsync(DeliveryJob job, DeliveryAttempt attempt, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(names.DeliveriesTable);
        var (town, report) = Keys(job);
        var row = new TableEntity(StorageKeys.DeliveryPartition(town), StorageKeys.AttemptRow(report, job.Version, attempt.At, clock.GetTimestamp()))
        {
            ["At"] = attempt.At,
            ["DurationMs"] = attempt.DurationMs,
            ["Error"] = attempt.Error,
        };
        if (attempt.Status is { } status)
        {
            row["HttpStatus"] = status;
        }

        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Copies a report version's PDF and JSON into <c>county-inbox/{county}/{town}/…</c>; copying again writes the same bytes.</summary>
    public async Task<string> CopyToInboxAsync(UnitCode town, ReportPeriod report, DeliveryJob job, CancellationToken cancellationToken)
    {
        var reports = await storage.ContainerAsync(names.ReportsContainer);
        var inbox = await storage.ContainerAsync(names.CountyInboxContainer);
        var metadata = new Dictionary<string, string> { ["sha256"] = job.Sha256, ["version"] = job.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        foreach (var (extension, type) in new[] { ("json", "application/json; charset=utf-8"), ("pdf", "application/pdf") })
        {
            var content = (await reports.GetBlobClient(StorageKeys.ReportBlob(town, report, job.Version, extension)).DownloadContentAsync(cancellationToken)).Value.Content;
            var target = inbox.GetBlobClient(StorageKeys.CountyInboxBlob(town, report, job.Version, extension));
            await target.UploadAsync(content, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = type }, Metadata = metadata }, cancellationToken);
        }

        return StorageKeys.CountyInboxBlob(town, report, job.Version, "pdf");
    }

    private static (UnitCode Town, ReportPeriod Report) Keys(DeliveryJob job) =>
        job.TryRead(out var town, out var report) ? (town, report) : throw new InvalidOperationException($"Malformed delivery {job}.");

    public async Task<IReadOnlyList<DeliveryRecord>> ListAsync(UnitCode town, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(names.DeliveriesTable);
        var partition = StorageKeys.DeliveryPartition(town);
        var rows = await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken).ToListAsync(cancellationToken);
        var attempts = rows.Where(r => r.ContainsKey("At")).ToList();
        return rows.Where(r => r.ContainsKey("Status"))
            .Select(r => new DeliveryRecord(town.Value, r.GetString("Kind"), r.GetString("Period"), r.GetInt32("Version") ?? 0, r.GetString("Status"), r.GetString("InboxPdf"),
                r.GetDateTimeOffset("Updated") ?? default, r.GetString("LastError"),
                attempts.Where(a => a.RowKey.StartsWith(r.RowKey + "|", StringComparison.Ordinal))
                    .OrderBy(a => a.RowKey, StringComparer.Ordinal)
                    .Select(a => new DeliveryAttempt(a.GetDateTimeOffset("At") ?? default, a.GetInt32("HttpStatus"), a.GetInt64("DurationMs") ?? 0, a.GetString("Error")))
                    .ToList()))
            .OrderBy(d => d.Kind, StringComparer.Ordinal).ThenBy(d => d.Period, StringComparer.Ordinal).ThenBy(d => d.Version)
            .ToList();
    }
}
