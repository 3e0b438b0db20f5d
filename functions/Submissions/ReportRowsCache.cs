using VillageReports.Storage;
using VillageReports.Units;

namespace VillageReports.Submissions;

/// <summary>
/// What a report reads of a town (<see cref="SubmissionStore.GetTownReportRowsAsync"/>), kept from the last read so the
/// next read of the same months asks storage only for the rows written since: a report reads hundreds of rows, and an
/// amendment changes two of them. Nothing served from here is stale, since every read still asks storage what changed;
/// rows are never deleted, so what changed is all there is to merge. Held up to a bound in rows, past which the towns
/// read longest ago are dropped (and read whole next time).
/// </summary>
/// <param name="overlap">
/// Storage stamps a row as it commits, by the clock of the server that holds the row's partition: a read asks again for
/// every row stamped within this margin of the newest one it has seen, so servers' clocks apart by less than this, and a
/// read whose pages take seconds, miss nothing. <see cref="DefaultOverlap"/> unless a test needs to see the margin.
/// </param>
/// <param name="maxRows">The bound on rows held.</param>
public sealed class ReportRowsCache(TimeSpan overlap, int maxRows = ReportRowsCache.DefaultMaxRows)
{
    public static readonly TimeSpan DefaultOverlap = TimeSpan.FromMinutes(5);

    // 1.7 KB a row kept (the assembly benchmark measures it): ~100 MB, a whole county's month (2,000 villages over the
    // 24 months a report reads are some 48,000 rows) with room to spare.
    public const int DefaultMaxRows = 60_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<(UnitCode Town, Period From, Period To), (ReportRows Rows, long LastRead)> _towns = [];
    private long _reads;
    private int _rows;

    public ReportRowsCache()
        : this(DefaultOverlap)
    {
    }

    /// <summary>The rows to ask storage for after <paramref name="rows"/>: those stamped from here on, or every row when none was seen.</summary>
    public DateTimeOffset? ChangedSince(ReportRows rows) => rows.Newest - overlap;

    public ReportRows? Find(UnitCode town, Period from, Period to)
    {
        lock (_lock)
        {
            if (!_towns.TryGetValue((town, from, to), out var entry))
            {
                return null;
            }

            _towns[(town, from, to)] = (entry.Rows, ++_reads);
            return entry.Rows;
        }
    }

    /// <summary>
    /// Keeps <paramref name="rows"/> unless what is kept is newer: of two reads that overlapped, the one that saw the
    /// newest row stays (either is sound for the next read to build on).
    /// </summary>
    public void Remember(UnitCode town, Period from, Period to, ReportRows rows)
    {
        if (rows.Newest is null || rows.Count > maxRows)
        {
            return;
        }

        lock (_lock)
        {
            var key = (town, from, to);
            if (_towns.TryGetValue(key, out var kept))
            {
                if (kept.Rows.Newest > rows.Newest)
                {
                    return;
                }

                _rows -= kept.Rows.Count;
            }

            _towns[key] = (rows, ++_reads);
            _rows += rows.Count;
            while (_rows > maxRows)
            {
                var oldest = _towns.MinBy(t => t.Value.LastRead);
                _towns.Remove(oldest.Key);
                _rows -= oldest.Value.Rows.Count;
            }
        }
    }
}

/// <summary>One read of a town's report rows: the current rows in storage's order, the revisions with a reason, the newest stamp among them.</summary>
public sealed class ReportRows
{
    public static readonly ReportRows Empty = new(new SortedDictionary<(string Partition, string Row), Submission>(RowOrder.Instance), null);

    private readonly SortedDictionary<(string Partition, string Row), Submission> _rows;

    private ReportRows(SortedDictionary<(string Partition, string Row), Submission> rows, DateTimeOffset? newest)
    {
        _rows = rows;
        Newest = newest;
        Current = [.. rows.Where(r => StorageKeys.IsCurrentRow(r.Key.Row)).Select(r => r.Value)];
        Reasoned = [.. rows.Where(r => !StorageKeys.IsCurrentRow(r.Key.Row))
            .Select(r => r.Value)
            .OrderBy(s => s.Unit.Value, StringComparer.Ordinal).ThenBy(s => s.Period).ThenBy(s => s.Revision)];
    }

    public IReadOnlyList<Submission> Current { get; }

    public IReadOnlyList<Submission> Reasoned { get; }

    /// <summary>The newest storage stamp seen; null when no row was.</summary>
    public DateTimeOffset? Newest { get; }

    public int Count => _rows.Count;

    /// <summary>These rows with <paramref name="changed"/> (read since) in place of the versions they replace.</summary>
    public ReportRows With(IReadOnlyCollection<ReportRow> changed)
    {
        var rows = new SortedDictionary<(string Partition, string Row), Submission>(_rows, RowOrder.Instance);
        foreach (var row in changed)
        {
            rows[(row.Partition, row.RowKey)] = row.Submission;
        }

        var newest = changed.Select(r => (DateTimeOffset?)r.Stamp).Append(Newest).Max();
        return new ReportRows(rows, newest);
    }

    /// <summary>Ordinal, as storage orders keys.</summary>
    private sealed class RowOrder : IComparer<(string Partition, string Row)>
    {
        public static readonly RowOrder Instance = new();

        public int Compare((string Partition, string Row) x, (string Partition, string Row) y)
        {
            var partition = string.CompareOrdinal(x.Partition, y.Partition);
            return partition != 0 ? partition : string.CompareOrdinal(x.Row, y.Row);
        }
    }
}

/// <summary>A row as storage answered it: its keys, what it holds, when it was written.</summary>
public sealed record ReportRow(string Partition, string RowKey, Submission Submission, DateTimeOffset Stamp);
