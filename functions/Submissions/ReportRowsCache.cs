using VillageReports.Storage;
using VillageReports.Units;

namespace VillageReports.Submissions;

/// <summary>
/// What a report reads of a town (<see cref="SubmissionStore.GetTownReportRowsAsync"/>), kept from the last read so the
/// next read of the same months asks storage only for the rows written since: a report reads hundreds of rows, and an
/// amendment changes two of them. Every read still asks storage what changed, and rows are never deleted, so what
/// changed is all there is to merge. Held up to a bound in rows, past which the towns read longest ago are dropped (and
/// read whole next time). One cache serves one submissions table.
/// </summary>
/// <remarks>
/// What changed is found by the stamp storage gives a row as it commits (Azure Storage tables and Azurite; the Cosmos DB
/// Table API matches no row with a Timestamp filter, so this cache does not suit it). A row a read misses was written
/// after the read began; the next read asks for every row stamped from the overlap before the storage's own time at the
/// first answer, so it finds such a row however long the first read took.
/// </remarks>
/// <param name="overlap">
/// The margin before that time: the service's front ends and the servers that stamp the rows keep their own clocks, and
/// its time is given to the second. <see cref="DefaultOverlap"/> unless a test or benchmark needs another.
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

    /// <summary>The rows to ask storage for after <paramref name="rows"/>: those stamped from here on, or every row when nothing was read before.</summary>
    public DateTimeOffset? ChangedSince(ReportRows rows) => rows.AnsweredAt - overlap;

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
    /// Keeps <paramref name="rows"/> unless what is kept was answered later: of two reads that overlapped, the later one
    /// stays (either is sound for the next read to build on).
    /// </summary>
    public void Remember(UnitCode town, Period from, Period to, ReportRows rows)
    {
        if (rows.AnsweredAt is null || rows.Count > maxRows)
        {
            return;
        }

        lock (_lock)
        {
            var key = (town, from, to);
            if (_towns.TryGetValue(key, out var kept))
            {
                if (kept.Rows.AnsweredAt > rows.AnsweredAt)
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

/// <summary>One read of a town's report rows: the current rows in storage's order, the revisions with a reason, when storage answered.</summary>
public sealed class ReportRows
{
    public static readonly ReportRows Empty = new(new SortedDictionary<(string Partition, string Row), Submission>(RowOrder.Instance), null);

    private readonly SortedDictionary<(string Partition, string Row), Submission> _rows;

    private ReportRows(SortedDictionary<(string Partition, string Row), Submission> rows, DateTimeOffset? answeredAt)
    {
        _rows = rows;
        AnsweredAt = answeredAt;
        Current = [.. rows.Where(r => StorageKeys.IsCurrentRow(r.Key.Row)).Select(r => r.Value)];
        Reasoned = [.. rows.Where(r => !StorageKeys.IsCurrentRow(r.Key.Row))
            .Select(r => r.Value)
            .OrderBy(s => s.Unit.Value, StringComparer.Ordinal).ThenBy(s => s.Period).ThenBy(s => s.Revision)];
    }

    private ReportRows(ReportRows same, DateTimeOffset? answeredAt)
    {
        (_rows, Current, Reasoned, AnsweredAt) = (same._rows, same.Current, same.Reasoned, answeredAt);
    }

    public IReadOnlyList<Submission> Current { get; }

    public IReadOnlyList<Submission> Reasoned { get; }

    /// <summary>The storage's own time at its first answer to the read (null when it gave none, or nothing was read).</summary>
    public DateTimeOffset? AnsweredAt { get; }

    public int Count => _rows.Count;

    /// <summary>These rows with <paramref name="changed"/>, read since, in place of the versions they replace.</summary>
    public ReportRows With(IReadOnlyCollection<ReportRow> changed, DateTimeOffset? answeredAt)
    {
        if (changed.Count == 0)
        {
            return new ReportRows(this, answeredAt);
        }

        var rows = new SortedDictionary<(string Partition, string Row), Submission>(_rows, RowOrder.Instance);
        foreach (var row in changed)
        {
            rows[(row.Partition, row.RowKey)] = row.Submission;
        }

        return new ReportRows(rows, answeredAt);
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

/// <summary>A row as storage answered it: its keys and what it holds.</summary>
public sealed record ReportRow(string Partition, string RowKey, Submission Submission);
