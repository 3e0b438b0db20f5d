using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VillageReports.Delivery;
using VillageReports.Submissions;
using VillageReports.Units;

namespace VillageReports.Reminders;

/// <summary>
/// The queue job: on the days the town set, while its open month is neither locked nor fully reported, tells the
/// town's group who has not reported. At most one reminder a town, month and day, however often the timer fires or
/// the job is retried; every try is recorded.
/// </summary>
public sealed partial class ReminderSender(
    UnitStore units,
    ReminderStore store,
    SubmissionStore submissions,
    PeriodStore periods,
    RobotClient robots,
    TimeProvider clock,
    IOptions<VillageReportsOptions> app,
    IOptions<ReminderOptions> options,
    IOptions<DeliveryOptions> delivery,
    ILogger<ReminderSender> logger)
{
    public async Task<ReminderOutcome> SendAsync(ReminderJob job, CancellationToken cancellationToken)
    {
        if (!UnitCode.TryParse(job.Town, out var code) || !code.IsTown || !DateOnly.TryParseExact(job.Day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            throw new InvalidOperationException($"Malformed reminder job {job}: it goes to the poison queue.");
        }

        var town = await units.FindTownAsync(code, cancellationToken)
            ?? throw new InvalidOperationException($"Reminder job for unknown town {job.Town}: it goes to the poison queue.");
        if (await store.GetSettingsAsync(code, cancellationToken) is not { } settings)
        {
            return ReminderOutcome.NotConfigured;
        }

        // The open month is the one due this month: last month, on any day of this one.
        var period = Period.Containing(day).Previous;
        var due = period.DueDate(app.Value.DueDay);
        var offset = day.DayNumber - due.DayNumber;
        if (!settings.RemindsOn(offset))
        {
            return ReminderOutcome.NotToday;
        }

        if ((await periods.GetAsync(code, period, cancellationToken)).Locked)
        {
            return ReminderOutcome.Locked;
        }

        var reported = await Task.WhenAll(town.ExpectedUnits.Select(async u => (Unit: u, Current: await submissions.GetCurrentAsync(u.Code, period, cancellationToken))));
        // The town office posts its own figures too; named as a clerk would, so nobody reads it as the whole town.
        var missing = reported.Where(r => r.Current is null)
            .Select(r => new MissingUnit(r.Unit.Code.Value, r.Unit.Level == UnitLevel.Town ? $"{r.Unit.Name}（镇本级）" : r.Unit.Name))
            .ToList();
        if (missing.Count == 0)
        {
            return ReminderOutcome.AllReported;
        }

        var message = Compose(town, period, due, offset, missing);
        if (!await store.TryClaimAsync(code, period, day, settings.Channel, message.Markdown, clock.GetUtcNow(), cancellationToken))
        {
            return ReminderOutcome.AlreadySent;
        }

        string? error = null;
        var delay = options.Value.FirstRetryDelay;
        for (var attempt = 1; attempt <= Math.Max(1, options.Value.MaxAttempts); attempt++)
        {
            var at = clock.GetUtcNow();
            var watch = Stopwatch.StartNew();
            var answer = await robots.SendAsync(settings, message, options.Value.AttemptTimeout, cancellationToken);
            await store.AddAttemptAsync(code, period, day, new ReminderAttempt(at, answer.HttpStatus, answer.Answer, watch.ElapsedMilliseconds, answer.Error), clock.GetTimestamp(), cancellationToken);
            if (answer.Sent)
            {
                await store.SetStatusAsync(code, period, day, ReminderStore.Sent, null, clock.GetUtcNow(), cancellationToken);
                LogSent(logger, code, period, day, settings.Channel, missing.Count);
                return ReminderOutcome.Sent;
            }

            error = answer.Error;
            if (attempt < options.Value.MaxAttempts)
            {
                await Task.Delay(delay, clock, cancellationToken);
                delay *= 2;
            }
        }

        await store.SetStatusAsync(code, period, day, ReminderStore.Failed, error, clock.GetUtcNow(), cancellationToken);
        LogFailed(logger, code, period, day, settings.Channel, error ?? "");
        throw new ReminderFailedException($"The reminder robot of {code} refused {period} {day:yyyy-MM-dd}: {error}");
    }

    /// <summary>Markdown both robots render: the town, the month, the due date, how far off it is, who is missing, a link.</summary>
    private ReminderMessage Compose(Town town, Period period, DateOnly due, int offset, List<MissingUnit> missing)
    {
        var title = $"{town.Name}{period.ToChinese()}村级月报催报";
        var when = offset < 0 ? $"还有{-offset}天" : offset == 0 ? "今天截止" : $"已逾期{offset}天";
        var console = delivery.Value.PublicBaseUrl is { Length: > 0 } baseUrl ? $"{baseUrl.TrimEnd('/')}/#office" : "";
        var lines = new List<string>
        {
            $"### {title}",
            $"报送截止：**{due.Year}年{due.Month}月{due.Day}日**，{when}。",
            $"尚未报送（{missing.Count}个）：{string.Join("、", missing.Select(m => m.Name))}",
            "请尽快登录填报；已报送的单位请忽略本消息。",
        };
        if (console.Length > 0)
        {
            lines.Add($"[打开镇办控制台]({console})");
        }

        return new ReminderMessage(town.Code.Value, town.Name, period.ToString(), due, offset, missing, console, title, string.Join("\n\n", lines));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder sent: town {Town} period {Period} day {Day} by {Channel}, {Missing} units missing")]
    private static partial void LogSent(ILogger logger, UnitCode town, Period period, DateOnly day, ReminderChannel channel, int missing);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder failed: town {Town} period {Period} day {Day} by {Channel}: {Error}")]
    private static partial void LogFailed(ILogger logger, UnitCode town, Period period, DateOnly day, ReminderChannel channel, string error);
}
