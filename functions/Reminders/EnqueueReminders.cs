using Microsoft.Azure.Functions.Worker;

namespace VillageReports.Reminders;

public sealed class EnqueueReminders(ReminderScheduler scheduler)
{
    /// <summary>Daily (09:00 China time, written in UTC); only enqueues: the queue's retries carry the work.</summary>
    [Function(nameof(EnqueueReminders))]
    public Task Run([TimerTrigger("%ReminderSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        scheduler.EnqueueForAllTownsAsync(cancellationToken);
}
