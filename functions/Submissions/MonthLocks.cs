using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using VillageReports.Units;

namespace VillageReports.Submissions;

/// <summary>
/// Whether a month is locked, as the submission path needs it, mostly without a storage read. A lock is never lifted,
/// so a locked month is remembered for good. An open month is remembered for three quarters of the lock's settle
/// time, together with the moment it was read: a save measures its time from that moment, so the settle argument of
/// <see cref="PeriodStore.LockAsync"/> holds for a remembered answer as for a fresh one; and once a report's lock has
/// settled, no instance still remembers the month open.
/// </summary>
public sealed class MonthLocks(PeriodStore periods, TimeProvider clock, IOptions<VillageReportsOptions> options)
{
    // A bound on memory whatever the traffic: past it, the cache starts again empty.
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<(UnitCode Town, Period Period), MonthLock> _known = new();

    /// <summary>The month's lock as last read; <see cref="MonthLock.ReadAt"/> is the timestamp taken before that read began.</summary>
    public async Task<MonthLock> GetAsync(UnitCode town, Period period, CancellationToken cancellationToken)
    {
        if (_known.TryGetValue((town, period), out var known) && (known.Locked || clock.GetElapsedTime(known.ReadAt) < options.Value.LockSettleTime * 3 / 4))
        {
            return known;
        }

        var readAt = clock.GetTimestamp();
        var read = new MonthLock((await periods.GetAsync(town, period, cancellationToken)).Locked, readAt);
        if (_known.Count >= MaxEntries)
        {
            _known.Clear();
        }

        // A slower read that saw the month open never hides a lock another one saw.
        _known.AddOrUpdate((town, period), read, (_, before) => before.Locked ? before : read);
        return read;
    }
}

/// <param name="ReadAt">A <see cref="TimeProvider.GetTimestamp"/> taken before the read that answered.</param>
public readonly record struct MonthLock(bool Locked, long ReadAt);
