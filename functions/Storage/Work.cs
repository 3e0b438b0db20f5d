namespace VillageReports.Storage;

/// <summary>The kinds of work the app queues, one queue each; <see cref="StorageNames"/> gives each queue its name (an app setting the triggers share).</summary>
public enum Work { ReportJobs, Deliveries, Reminders }
