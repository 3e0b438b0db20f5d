using System.Globalization;
using Microsoft.Extensions.Logging;
using VillageReports.Storage;
using VillageReports.Units;

namespace VillageReports.Reminders;

/// <summary>Puts reminder jobs on the queue: the daily timer for every town, or the town office's "send now".</summary>
public sealed partial class ReminderScheduler(UnitStore units, JobSender queue, TimeProvider clock, ILogger<ReminderScheduler> logger)
{
    public async Task<int> EnqueueForAllTownsAsync(CancellationToken cancellationToken)
    {
        var day = Today();
        var towns = await units.ListTownsAsync(cancellationToken);
        foreach (var town in towns)
        {
            await queue.SendAsync(Work.Reminders, new ReminderJob(town.Code.Value, day), cancellationToken);
        }

        LogEnqueued(logger, towns.Count, day);
        return towns.Count;
    }

    public async Task<ReminderJob> RequestAsync(TownScope town, CancellationToken cancellationToken)
    {
        var job = new ReminderJob(town.Code.Value, Today());
        await queue.SendAsync(Work.Reminders, job, cancellationToken);
        return job;
    }

    private string Today() => ChinaTime.Today(clock).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Enqueued reminder jobs for {Count} towns for {Day}")]
    private static partial void LogEnqueued(ILogger logger, int count, string day);
}
