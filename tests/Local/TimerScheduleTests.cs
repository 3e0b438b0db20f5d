using VillageReports.Local;

namespace VillageReports.Tests.Local;

public class TimerScheduleTests
{
    private static readonly DateTimeOffset November = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Six_fields_start_with_seconds()
    {
        var next = TimerSchedule.Parse("15 30 18 5 * *").Next(November);

        Assert.Equal(new DateTimeOffset(2026, 11, 5, 18, 30, 15, TimeSpan.Zero), next);
    }

    [Fact]
    public void Five_fields_start_with_minutes_as_the_host_reads_them()
    {
        var next = TimerSchedule.Parse("30 18 5 * *").Next(November);

        Assert.Equal(new DateTimeOffset(2026, 11, 5, 18, 30, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void A_timespan_schedule_runs_at_that_interval()
    {
        var next = TimerSchedule.Parse("00:05:00").Next(November);

        Assert.Equal(November.AddMinutes(5), next);
    }

    [Theory]
    [InlineData("0 0 18 L * *")]
    [InlineData("0 0 18 15W * *")]
    [InlineData("0 0 18 * * 5#1")]
    [InlineData("0 0 18 5 * ?")]
    public void Quartz_extensions_ncrontab_does_not_know_are_refused(string schedule)
    {
        Assert.Throws<FormatException>(() => TimerSchedule.Parse(schedule));
    }
}
