namespace VillageReports.Tests.Support;

/// <summary>A clock the test sets: "which month" and "is it late" must not depend on when the tests run.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    private long _timestamp;
    private long _step;
    private bool _stepping;

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();

    /// <summary>Real elapsed time, until <see cref="StepTimestamps"/> makes every reading advance by the test's step.</summary>
    public override long GetTimestamp() => _stepping ? Interlocked.Add(ref _timestamp, Interlocked.Read(ref _step)) : base.GetTimestamp();

    /// <summary>From now on each timestamp read is <paramref name="step"/> after the one before (zero: time stands still).</summary>
    public void StepTimestamps(TimeSpan step)
    {
        if (!_stepping)
        {
            _timestamp = base.GetTimestamp();
            _stepping = true;
        }

        Interlocked.Exchange(ref _step, (long)(step.TotalSeconds * TimestampFrequency));
    }

    /// <summary>A moment given in China time (UTC+8).</summary>
    public static FixedClock AtChinaTime(int year, int month, int day, int hour = 12) =>
        new(new DateTimeOffset(year, month, day, hour, 0, 0, TimeSpan.FromHours(8)));
}
