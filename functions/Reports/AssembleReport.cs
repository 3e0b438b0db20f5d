using Microsoft.Azure.Functions.Worker;
using VillageReports.Storage;

namespace VillageReports.Reports;

public sealed class AssembleReport(ReportAssembler reports)
{
    /// <summary>The one path every report takes (timer or request): retried by the queue, poisoned after the last try.</summary>
    [Function(nameof(AssembleReport))]
    public Task Run(
        [QueueTrigger($"%{StorageNames.ReportJobsQueueSetting}%", Connection = StorageConnection.Name)] ReportJob job,
        CancellationToken cancellationToken) =>
        reports.AssembleAsync(job, cancellationToken);
}
