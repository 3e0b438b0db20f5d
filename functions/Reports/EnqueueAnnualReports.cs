using Microsoft.Azure.Functions.Worker;

namespace VillageReports.Reports;

public sealed class EnqueueAnnualReports(ReportRequests reports)
{
    /// <summary>Only enqueues the previous year's report for every town.</summary>
    [Function(nameof(EnqueueAnnualReports))]
    public Task Run([TimerTrigger("%AnnualReportSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        reports.EnqueueForAllTownsAsync(ReportKind.Annual, cancellationToken);
}
