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

    public StorageNames(string prefix, string reportJobsQueue, string deliveryQueue)
    {
        Prefix = prefix;
        ReportJobsQueue = reportJobsQueue;
        DeliveryQueue = deliveryQueue;
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

    public string ReportsContainer => Prefix + "reports";
    public string CountyInboxContainer => Prefix + "county-inbox";

    public string ReportJobsQueue { get; }
    public string DeliveryQueue { get; }

    public static StorageNames FromConfiguration(IConfiguration configuration)
    {
        var prefix = configuration["VillageReports:StoragePrefix"] ?? "";
        return new StorageNames(
            prefix,
            configuration[ReportJobsQueueSetting] ?? prefix + "report-jobs",
            configuration[DeliveryQueueSetting] ?? prefix + "deliveries");
    }
}
