using Microsoft.Azure.Functions.Worker;
using VillageReports.Storage;

namespace VillageReports.Reminders;

public sealed class SendReminder(ReminderSender sender)
{
    [Function(nameof(SendReminder))]
    public Task Run(
        [QueueTrigger($"%{StorageNames.ReminderQueueSetting}%", Connection = StorageConnection.Name)] ReminderJob job,
        CancellationToken cancellationToken) =>
        sender.SendAsync(job, cancellationToken);
}
