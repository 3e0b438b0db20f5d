namespace VillageReports.Local;

/// <summary>
/// The app's clock in demo mode: the demo sets it back to the day a clerk would post each month's figures, so every
/// submission carries the date it would have had (on time, before the due day) instead of today's. It runs on from the
/// time it is set, never ahead of the real time, and <see cref="Release"/> returns it to the real time.
/// </summary>
public sealed class DemoClock : TimeProvider
{
    private long _behindTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(-Interlocked.Read(ref _behindTicks));

    /// <summary>Sets the clock to <paramref name="at"/>, or to the real time when that is later.</summary>
    public void Set(DateTimeOffset at) => Interlocked.Exchange(ref _behindTicks, Math.Max(0, (System.GetUtcNow() - at).Ticks));

    public void Release() => Interlocked.Exchange(ref _behindTicks, 0);
}
