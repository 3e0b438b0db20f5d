using System.Globalization;
using NCrontab;

namespace VillageReports.Local;

/// <summary>
/// When a timer fires: the host's TimerSchedule, parsed with NCrontab as the host parses it (CronSchedule.TryCreate:
/// seconds included unless the expression has exactly five fields), else a TimeSpan between runs (ConstantSchedule).
/// So an expression Azure refuses at indexing (Quartz's <c>L</c>, <c>W</c>, <c>#</c>) is refused here too.
/// </summary>
public sealed class TimerSchedule
{
    private readonly CrontabSchedule? _cron;
    private readonly TimeSpan _interval;

    private TimerSchedule(string expression, CrontabSchedule? cron, TimeSpan interval)
    {
        Expression = expression;
        _cron = cron;
        _interval = interval;
    }

    public string Expression { get; }

    public static TimerSchedule Parse(string expression)
    {
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = fields != 5 }) is { } cron)
        {
            return new TimerSchedule(expression, cron, TimeSpan.Zero);
        }

        if (TimeSpan.TryParse(expression, CultureInfo.InvariantCulture, out var interval) && interval > TimeSpan.Zero)
        {
            return new TimerSchedule(expression, null, interval);
        }

        throw new FormatException($"The schedule expression '{expression}' was not recognized as a valid cron expression or timespan string.");
    }

    /// <summary>The first occurrence after <paramref name="now"/>, in UTC (as on Linux plans).</summary>
    public DateTimeOffset Next(DateTimeOffset now) =>
        _cron is null ? now + _interval : new DateTimeOffset(DateTime.SpecifyKind(_cron.GetNextOccurrence(now.UtcDateTime), DateTimeKind.Utc));
}
