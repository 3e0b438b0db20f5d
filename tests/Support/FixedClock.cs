namespace VillageReports.Tests.Support;

/// <summary>A clock the test sets: "which month" and "is it late" must not depend on when the tests run.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();

    /// <summary>A moment given in China time (UTC+8).</summary>
    public static FixedClock AtChinaTime(int year, int month, int day, int hour = 12) =>
        new(new DateTimeOffset(year, month, day, hour, 0, 0, TimeSpan.FromHours(8)));
}
