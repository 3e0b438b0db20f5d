using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using VillageReports.Storage;
using VillageReports.Units;

namespace VillageReports.Submissions;

/// <summary>
/// Submissions in one partition per unit: a current row per period plus one row per revision. A new revision and
/// the current row it replaces commit in one transaction, so the audit trail and the figures never disagree.
/// </summary>
public sealed class SubmissionStore(StorageResources storage, StorageNames names, ReportRowsCache reportRows)
{
    // An Azure Tables string property holds at most 64 KiB (32K UTF-16 characters); Azurite does not enforce it.
    private const int MaxStringLength = 32 * 1024;

    // What a Submission is made of: a query over a town's hundreds of rows leaves out the storage timestamps
    // (FirstSubmittedAt, Timestamp), a fifth of each row on the wire.
    private static readonly string[] SubmissionProperties =
        ["PartitionKey", "RowKey", nameof(SubmissionEntity.Revision), nameof(SubmissionEntity.Values), nameof(SubmissionEntity.Comment), nameof(SubmissionEntity.Reason),
         nameof(SubmissionEntity.SubmittedAt), nameof(SubmissionEntity.SubmittedBy), nameof(SubmissionEntity.Late), nameof(SubmissionEntity.Warnings)];

    public async Task<StoredSubmission?> GetCurrentAsync(UnitCode unit, Period period, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(names.SubmissionsTable);
        var row = await table.GetEntityIfExistsAsync<SubmissionEntity>(StorageKeys.SubmissionPartition(unit), StorageKeys.CurrentRow(period), cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity
            ? new StoredSubmission(entity.ToSubmission(unit, period), entity.ETag, entity.FirstSubmittedAt)
            : null;
    }

    public async Task<IReadOnlyList<Submission>> GetRevisionsAsync(UnitCode unit, Period period, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(names.SubmissionsTable);
        var partition = StorageKeys.SubmissionPartition(unit);
        var from = StorageKeys.RevisionRowsFrom(period);
        var to = StorageKeys.RevisionRowsTo(period);
        var rows = await table.QueryAsync<SubmissionEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {from} and RowKey lt {to}"), cancellationToken: cancellationToken)
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.Revision).Select(r => r.ToSubmission(unit, period)).ToList();
    }

    /// <summary>
    /// The current figures of every unit under <paramref name="town"/> (its office and villages, active or not) for every
    /// period from <paramref name="from"/> to <paramref name="to"/>, inclusive: one range query across their partitions.
    /// </summary>
    public async Task<IReadOnlyList<Submission>> GetTownCurrentRangeAsync(UnitCode town, Period from, Period to, CancellationToken cancellationToken)
    {
        var (low, high) = (StorageKeys.CurrentRow(from), StorageKeys.CurrentRow(to));
        var (rows, _) = await TownRowsAsync(town, TableClient.CreateQueryFilter($"RowKey ge {low} and RowKey le {high}"), cancellationToken);
        return [.. rows.Select(r => r.Entity.ToSubmission(r.Unit, StorageKeys.PeriodOfCurrentRow(r.Entity.RowKey)))];
    }

    /// <summary>
    /// What a report reads of a town for the periods from <paramref name="from"/> to <paramref name="to"/>, in one query
    /// across its units' partitions: every current row, and every revision stored with a reason (the candidates for
    /// amendments). After the first read, storage is asked only for the rows written since (<see cref="ReportRowsCache"/>).
    /// </summary>
    public async Task<(IReadOnlyList<Submission> Current, IReadOnlyList<Submission> Reasoned)> GetTownReportRowsAsync(UnitCode town, Period from, Period to, CancellationToken cancellationToken)
    {
        var (current, through) = (StorageKeys.CurrentRow(from), StorageKeys.CurrentRow(to));
        var (revisions, revisionsEnd) = (StorageKeys.RevisionRowsFrom(from), StorageKeys.RevisionRowsTo(to));
        // A revision without a reason is stored with no Reason property at all, and a comparison with a property a row
        // lacks is false (Azurite, checked: `Reason ge ''` and even `Reason ne 'x'` leave those rows out), so only the few
        // with a reason travel. The check below keeps the answer exact should a service send the others as well.
        var filter = TableClient.CreateQueryFilter($"(RowKey ge {current} and RowKey le {through}) or (RowKey gt {revisions} and RowKey lt {revisionsEnd} and Reason ge {""})");
        var known = reportRows.Find(town, from, to) ?? ReportRows.Empty;
        if (reportRows.ChangedSince(known) is { } since)
        {
            filter = $"({filter}) and {TableClient.CreateQueryFilter($"Timestamp ge {since}")}";
        }

        var (read, answeredAt) = await TownRowsAsync(town, filter, cancellationToken);
        var changed = read
            .Where(r => StorageKeys.IsCurrentRow(r.Entity.RowKey) || r.Entity.Reason is not null)
            .Select(ToReportRow)
            .ToList();
        var rows = known.With(changed, answeredAt);
        reportRows.Remember(town, from, to, rows);
        return (rows.Current, rows.Reasoned);

        static ReportRow ToReportRow((UnitCode Unit, SubmissionEntity Entity) row)
        {
            var (key, isCurrent) = (row.Entity.RowKey, StorageKeys.IsCurrentRow(row.Entity.RowKey));
            var submission = row.Entity.ToSubmission(row.Unit, isCurrent ? StorageKeys.PeriodOfCurrentRow(key) : StorageKeys.PeriodOfRevisionRow(key));
            return new ReportRow(row.Entity.PartitionKey, key, submission);
        }
    }

    /// <summary>
    /// The rows matching <paramref name="rowFilter"/> in the partitions of <paramref name="town"/>'s units, in one
    /// range query (only what a Submission is made of travels), and the storage's own time at its first answer.
    /// </summary>
    private async Task<(List<(UnitCode Unit, SubmissionEntity Entity)> Rows, DateTimeOffset? AnsweredAt)> TownRowsAsync(UnitCode town, string rowFilter, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(names.SubmissionsTable);
        var (first, last) = (StorageKeys.TownSubmissionPartitionsFrom(town), StorageKeys.TownSubmissionPartitionsTo(town));
        var partitions = TableClient.CreateQueryFilter($"PartitionKey ge {first} and PartitionKey le {last}");
        var (rows, answeredAt) = (new List<SubmissionEntity>(), default(DateTimeOffset?));
        await foreach (var page in table.QueryAsync<SubmissionEntity>($"{partitions} and ({rowFilter})", select: SubmissionProperties, cancellationToken: cancellationToken).AsPages())
        {
            answeredAt ??= page.GetRawResponse().Headers.Date;
            rows.AddRange(page.Values);
        }

        return ([.. OfTown(rows, town)], answeredAt);
    }

    /// <summary>The rows whose partition is a unit of <paramref name="town"/>: the key range holds nothing else, and this makes sure of it.</summary>
    private static IEnumerable<(UnitCode Unit, SubmissionEntity Entity)> OfTown(IEnumerable<SubmissionEntity> rows, UnitCode town) =>
        rows.Select(r => (Parsed: UnitCode.TryParse(r.PartitionKey, out var unit), Unit: unit, Entity: r))
            .Where(r => r.Parsed && r.Unit.Town == town.Town && !r.Unit.IsCounty)
            .Select(r => (r.Unit, r.Entity));

    /// <summary>
    /// Stores <paramref name="submission"/> as the new current revision and appends it to the history, atomically.
    /// <paramref name="replacing"/> is the current row read before (null for a first submission); if anyone wrote in
    /// between, nothing is written and the answer is false.
    /// </summary>
    public async Task<bool> TrySaveAsync(Submission submission, StoredSubmission? replacing, DateTimeOffset firstSubmittedAt, CancellationToken cancellationToken)
    {
        var current = SubmissionEntity.From(submission, StorageKeys.CurrentRow(submission.Period), firstSubmittedAt);
        var revision = SubmissionEntity.From(submission, StorageKeys.RevisionRow(submission.Period, submission.Revision), firstSubmittedAt);
        TableTransactionAction[] actions =
        [
            replacing is null
                ? new TableTransactionAction(TableTransactionActionType.Add, current)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, current, replacing.TableETag),
            new TableTransactionAction(TableTransactionActionType.Add, revision),
        ];

        var table = await storage.TableAsync(names.SubmissionsTable);
        try
        {
            await TableBatch.SubmitAsync(table, actions, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    private sealed class SubmissionEntity : ITableEntity
    {
        public string PartitionKey { get; set; } = "";
        public string RowKey { get; set; } = "";
        public DateTimeOffset? Timestamp { get; set; }
        public ETag ETag { get; set; }
        public int Revision { get; set; }
        public string Values { get; set; } = "";
        public string? Comment { get; set; }
        public string? Reason { get; set; }
        public DateTimeOffset SubmittedAt { get; set; }
        public DateTimeOffset FirstSubmittedAt { get; set; }
        public string SubmittedBy { get; set; } = "";
        public bool Late { get; set; }
        public string Warnings { get; set; } = "[]";

        public static SubmissionEntity From(Submission s, string rowKey, DateTimeOffset firstSubmittedAt)
        {
            var entity = new SubmissionEntity
            {
                PartitionKey = StorageKeys.SubmissionPartition(s.Unit),
                RowKey = rowKey,
                Revision = s.Revision,
                Values = FigureCodec.Encode(s.Values),
                Comment = s.Comment,
                Reason = s.Reason,
                SubmittedAt = s.SubmittedAt,
                FirstSubmittedAt = firstSubmittedAt,
                SubmittedBy = s.SubmittedBy,
                Late = s.Late,
                Warnings = JsonSerializer.Serialize(s.Warnings),
            };
            if (entity.Values.Length > MaxStringLength || entity.Warnings.Length > MaxStringLength)
            {
                throw new InvalidOperationException($"Submission {s.Unit}/{s.Period} is larger than a table property can hold.");
            }

            return entity;
        }

        public Submission ToSubmission(UnitCode unit, Period period) =>
            new(unit, period, Revision, FigureCodec.Decode(Values), Comment, Reason, SubmittedAt, SubmittedBy, Late,
                JsonSerializer.Deserialize<List<Warning>>(Warnings) ?? []);
    }
}
