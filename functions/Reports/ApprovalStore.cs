using Azure;
using Azure.Data.Tables;
using VillageReports.Storage;

namespace VillageReports.Reports;

/// <summary>Approvals of report versions: one partition per town, one row per version; a withdrawal updates the row.</summary>
public sealed class ApprovalStore(StorageResources storage, StorageNames names)
{
    public async Task<Approval?> FindAsync(UnitCode town, ReportPeriod report, int version, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(names.ApprovalsTable);
        var row = await table.GetEntityIfExistsAsync<ApprovalEntity>(StorageKeys.ApprovalPartition(town), StorageKeys.ApprovalRow(report, version), cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity ? entity.ToApproval() : null;
    }

    public async Task<IReadOnlyList<Approval>> ListAsync(UnitCode town, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(names.ApprovalsTable);
        var partition = StorageKeys.ApprovalPartition(town);
        var rows = await table.QueryAsync<ApprovalEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken).ToListAsync(cancellationToken);
        return rows.Select(r => r.ToApproval()).ToList();
    }

    /// <summary>Writes the approval (a new one, or one given again after a withdrawal).</summary>
    public async Task SaveAsync(Approval approval, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(names.ApprovalsTable);
        await table.UpsertEntityAsync(ApprovalEntity.From(approval), TableUpdateMode.Replace, cancellationToken);
    }

    private sealed class ApprovalEntity : ITableEntity
    {
        public string PartitionKey { get; set; } = "";
        public string RowKey { get; set; } = "";
        public DateTimeOffset? Timestamp { get; set; }
        public ETag ETag { get; set; }
        public string Kind { get; set; } = "";
        public string Period { get; set; } = "";
        public int Version { get; set; }
        public string ApprovedBy { get; set; } = "";
        public DateTimeOffset ApprovedAt { get; set; }
        public string? Comment { get; set; }
        public string? WithdrawnBy { get; set; }
        public DateTimeOffset? WithdrawnAt { get; set; }
        public string? WithdrawReason { get; set; }

        public static ApprovalEntity From(Approval a) => new()
        {
            PartitionKey = StorageKeys.ApprovalPartition(a.Town),
            RowKey = StorageKeys.ApprovalRow(a.Report, a.Version),
            Kind = a.Report.Kind.Name(),
            Period = a.Report.ToString(),
            Version = a.Version,
            ApprovedBy = a.ApprovedBy,
            ApprovedAt = a.ApprovedAt,
            Comment = a.Comment,
            WithdrawnBy = a.WithdrawnBy,
            WithdrawnAt = a.WithdrawnAt,
            WithdrawReason = a.WithdrawReason,
        };

        public Approval ToApproval() =>
            ReportPeriod.TryParse(Kind, Period, out var report)
                ? new(UnitCode.Parse(PartitionKey), report, Version, ApprovedBy, ApprovedAt, Comment, WithdrawnBy, WithdrawnAt, WithdrawReason)
                : throw new InvalidDataException($"Approval row {PartitionKey}/{RowKey} names no report period.");
    }
}
