using Microsoft.Azure.Functions.Worker;

namespace VillageReports.Reports;

public sealed class EnqueueMonthlyReports(ReportRequests reports)
{
    /// <summary>Only enqueues: a failed timer run is not retried by the host, the queue's retries carry the work.</summary>
    [Function(nameof(EnqueueMonthlyReports))]
    public Task Run([TimerTrigger("%MonthlyReportSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        reports.EnqueueForAllTownsAsync(ReportKind.Monthly, cancellationToken);
}
