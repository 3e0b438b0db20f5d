using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using VillageReports.Storage;
using VillageReports.Units;

namespace VillageReports.Submissions;

public sealed class PeriodStore(StorageResources storage, StorageNames names, TimeProvider clock, IOptions<VillageReportsOptions> options)
{
    // How far storage's clock, another instance's and ours may differ.
    private static readonly TimeSpan ClockMargin = TimeSpan.FromSeconds(1);

    public async Task<PeriodState> GetAsync(UnitCode town, Period period, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(names.PeriodsTable);
        return await FindAsync(table, town, period, cancellationToken) is { } row ? ToState(row) : PeriodState.Open;
    }

    /// <summary>Each month's state from <paramref name="from"/> through <paramref name="through"/>: one range query.</summary>
    public async Task<IReadOnlyDictionary<Period, PeriodState>> GetRangeAsync(UnitCode town, Period from, Period through, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(names.PeriodsTable);
        var partition = StorageKeys.PeriodPartition(town);
        var (first, last) = (StorageKeys.PeriodRow(from), StorageKeys.PeriodRow(through));
        var rows = await table.QueryAsync<PeriodEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {first} and RowKey le {last}"), cancellationToken: cancellationToken)
            .ToListAsync(cancellationToken);
        var found = rows.ToDictionary(r => StorageKeys.PeriodOfPeriodRow(r.RowKey), ToState);
        return from.Through(through).ToDictionary(p => p, p => found.GetValueOrDefault(p, PeriodState.Open));
    }

    private static PeriodState ToState(PeriodEntity e) => new(e.Locked, e.LockedAt, e.Stale, e.ApprovedVersion > 0 ? e.ApprovedVersion : null);

    /// <summary>
    /// Locks the month (idempotent) and returns once the lock is <see cref="VillageReportsOptions.LockSettleTime"/>
    /// old. A village's save that found the month open and landed within that time is then in whatever the caller
    /// reads next; a slower save checks the lock again itself (SubmissionService), so a submission never slips past a
    /// report unnoticed. Answers the month's stale mark, if it carries one, as read here: the report clears it
    /// (<see cref="ClearStaleAsync"/>) under its lease, alongside the read of the figures that answer it.
    /// </summary>
    public Task<StaleMark?> LockAsync(UnitCode town, Period period, CancellationToken cancellationToken) =>
        LockAsync(town, period, static () => Task.FromResult(true), cancellationToken);

    /// <summary>
    /// <see cref="LockAsync(UnitCode, Period, CancellationToken)"/>, asking <paramref name="mayLock"/> (whether the town
    /// exists, say) only before a write, so the month is read while the answer is still coming; false writes nothing.
    /// </summary>
    public async Task<StaleMark?> LockAsync(UnitCode town, Period period, Func<Task<bool>> mayLock, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(names.PeriodsTable);
        var existing = await FindAsync(table, town, period, cancellationToken);
        var settle = options.Value.LockSettleTime;
        if (existing is { Locked: true })
        {
            // Locked before, at LockedAt by the locker's clock; the write itself may have landed up to a whole storage
            // call later (retries and all). Past that the lock has settled. Within it, storage's own time of the row's
            // last change (never before the lock landed; a later stale mark only makes it later) bounds what is left.
            var now = clock.GetUtcNow();
            var settledBy = (existing.LockedAt ?? DateTimeOffset.MinValue) + SettledForGoodAfter;
            if (now < settledBy)
            {
                await SettleAsync(settle + ClockMargin - (now - (existing.Timestamp ?? now)), cancellationToken);
            }

            return existing.Stale ? new StaleMark(town, period, existing.ETag) : null;
        }

        if (!await mayLock())
        {
            return null;
        }

        // A merge: an approval mark on the month stays as it is (an open month has no stale mark).
        await table.UpsertEntityAsync(LockRow(town, period), TableUpdateMode.Merge, cancellationToken);
        await SettleAsync(settle, cancellationToken);
        return null;
    }

    /// <summary>
    /// Clears the stale mark <see cref="LockAsync"/> saw, only if the month's row is as it was then: a save that marked
    /// the month again since (after a read of the figures that began before it, perhaps) changed the row, and its mark
    /// stays for the next run. So a report may clear it while it reads the figures, not only before.
    /// </summary>
    public async Task ClearStaleAsync(StaleMark mark, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(names.PeriodsTable);
        try
        {
            await table.UpdateEntityAsync(new TableEntity(StorageKeys.PeriodPartition(mark.Town), StorageKeys.PeriodRow(mark.Period)) { ["Stale"] = false }, mark.Seen, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Written since: a newer mark (or another run's clearing) stands.
        }
    }

    /// <summary>
    /// Locks the month if it is open and returns at once; a locked month, stale mark and all, stays as it is (the
    /// write is conditional on the row read, so a lock and a stale mark that land meanwhile are kept). The monthly run
    /// locks every town's month together, so their report jobs wait out one settle time between them.
    /// </summary>
    public async Task LockIfOpenAsync(UnitCode town, Period period, CancellationToken cancellationToken)
    {
        // The month the run locks has no row yet as a rule (a row comes with a lock, a stale mark or an approval): one
        // insert then, and a read only when a row is there already.
        var table = await storage.TableAsync(names.PeriodsTable);
        var lockRow = LockRow(town, period);
        try
        {
            await table.AddEntityAsync(lockRow, cancellationToken);
            return;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // The month has a row already: read below.
        }

        var existing = await FindAsync(table, town, period, cancellationToken);
        if (existing is null or { Locked: true })
        {
            return;
        }

        try
        {
            await table.UpdateEntityAsync(lockRow, existing.ETag, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Someone else wrote the row since it was read (a report's own lock): theirs stands.
        }
    }

    /// <summary>How long after its LockedAt a lock has settled whatever storage did with its write: no report waits then.</summary>
    public TimeSpan SettledForGoodAfter => MaxWriteTime() + options.Value.LockSettleTime + ClockMargin;

    // The longest one storage call may take, its retries included: how late a lock may land after its LockedAt.
    private TimeSpan MaxWriteTime() =>
        options.Value.StorageNetworkTimeout * (options.Value.StorageMaxRetries + 1) + TimeSpan.FromSeconds(options.Value.StorageMaxRetries);

    private TableEntity LockRow(UnitCode town, Period period) =>
        new(StorageKeys.PeriodPartition(town), StorageKeys.PeriodRow(period)) { ["Locked"] = true, ["LockedAt"] = clock.GetUtcNow() };

    private static async Task<PeriodEntity?> FindAsync(TableClient table, UnitCode town, Period period, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<PeriodEntity>(StorageKeys.PeriodPartition(town), StorageKeys.PeriodRow(period), cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    private async Task SettleAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var settle = options.Value.LockSettleTime;
        var clamped = wait < TimeSpan.Zero ? TimeSpan.Zero : wait > settle ? settle : wait;
        if (clamped > TimeSpan.Zero)
        {
            await Task.Delay(clamped, clock, cancellationToken);
        }
    }

    /// <summary>Records which version of the month's report the town office approved (审核); null: none is.</summary>
    public async Task SetApprovedVersionAsync(UnitCode town, Period period, int? version, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(names.PeriodsTable);
        await table.UpsertEntityAsync(new TableEntity(StorageKeys.PeriodPartition(town), StorageKeys.PeriodRow(period)) { ["ApprovedVersion"] = version ?? 0 }, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>Marks the month's report stale after an amendment, so the next run makes a new version.</summary>
    public async Task MarkStaleAsync(UnitCode town, Period period, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(names.PeriodsTable);
        // A merge of this one property: the lock and its time stay as they are.
        await table.UpsertEntityAsync(new TableEntity(StorageKeys.PeriodPartition(town), StorageKeys.PeriodRow(period)) { ["Stale"] = true }, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>The town's months amended after their report was issued, whose report has not been rebuilt yet.</summary>
    public async Task<IReadOnlyList<Period>> ListStaleAsync(UnitCode town, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(names.PeriodsTable);
        var partition = StorageKeys.PeriodPartition(town);
        var rows = await table.QueryAsync<PeriodEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition} and Stale eq {true}"), cancellationToken: cancellationToken)
            .ToListAsync(cancellationToken);
        return rows.Select(r => StorageKeys.PeriodOfPeriodRow(r.RowKey)).Order().ToList();
    }

    /// <summary>Every town's months amended since their report was issued, in one query (the monthly run's rebuilds).</summary>
    public async Task<ILookup<UnitCode, Period>> ListStaleOfAllTownsAsync(CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(names.PeriodsTable);
        var rows = await table.QueryAsync<PeriodEntity>(TableClient.CreateQueryFilter($"Stale eq {true}"), cancellationToken: cancellationToken)
            .ToListAsync(cancellationToken);
        return rows.Where(r => UnitCode.TryParse(r.PartitionKey, out _))
            .OrderBy(r => r.RowKey, StringComparer.Ordinal)
            .ToLookup(r => UnitCode.Parse(r.PartitionKey), r => StorageKeys.PeriodOfPeriodRow(r.RowKey));
    }

    private sealed class PeriodEntity : ITableEntity
    {
        public string PartitionKey { get; set; } = "";
        public string RowKey { get; set; } = "";
        public DateTimeOffset? Timestamp { get; set; }
        public ETag ETag { get; set; }
        public bool Locked { get; set; }
        public DateTimeOffset? LockedAt { get; set; }
        public bool Stale { get; set; }

        // 0 for none: a merge cannot remove a property, only set it.
        public int ApprovedVersion { get; set; }
    }
}
