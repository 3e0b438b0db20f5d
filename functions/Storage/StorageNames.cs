using Microsoft.Extensions.Configuration;

namespace VillageReports.Storage;

/// <summary>
/// Every table, container and queue the app uses. Infra (Bicep) declares the same names.
/// An optional prefix (<c>VillageReports:StoragePrefix</c>) lets tests and several deployments share one account.
/// </summary>
public sealed class StorageNames
{
    /// <summary>App settings that name the queues, so the Functions host binds the triggers to the same queues the app writes.</summary>
    public const string ReportJobsQueueSetting = "ReportJobsQueue";
    public const string DeliveryQueueSetting = "DeliveryQueue";
    public const string ReminderQueueSetting = "ReminderQueue";

    public StorageNames(string prefix, string reportJobsQueue, string deliveryQueue, string reminderQueue)
    {
        Prefix = prefix;
        ReportJobsQueue = reportJobsQueue;
        DeliveryQueue = deliveryQueue;
        ReminderQueue = reminderQueue;
    }

    public string Prefix { get; }

    public string UnitsTable => Prefix + "units";
    public string TokensTable => Prefix + "tokens";
    public string SubmissionsTable => Prefix + "submissions";
    public string PeriodsTable => Prefix + "periods";
    public string TargetsTable => Prefix + "targets";
    public string ReportsTable => Prefix + "reports";
    public string DeliveriesTable => Prefix + "deliveries";
    public string ApprovalsTable => Prefix + "approvals";
    public string RemindersTable => Prefix + "reminders";

    public string ReportsContainer => Prefix + "reports";
    public string CountyInboxContainer => Prefix + "county-inbox";

    public string ReportJobsQueue { get; }
    public string DeliveryQueue { get; }
    public string ReminderQueue { get; }

    public string Of(Work queue) => queue switch
    {
        Work.ReportJobs => ReportJobsQueue,
        Work.Deliveries => DeliveryQueue,
        _ => ReminderQueue,
    };

    public static StorageNames FromConfiguration(IConfiguration configuration)
    {
        var prefix = configuration["VillageReports:StoragePrefix"] ?? "";
        return new StorageNames(
            prefix,
            configuration[ReportJobsQueueSetting] ?? prefix + "report-jobs",
            configuration[DeliveryQueueSetting] ?? prefix + "deliveries",
            configuration[ReminderQueueSetting] ?? prefix + "reminders");
    }
}
