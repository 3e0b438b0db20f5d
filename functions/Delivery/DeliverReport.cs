using Microsoft.Azure.Functions.Worker;
using VillageReports.Storage;

namespace VillageReports.Delivery;

public sealed class DeliverReport(DeliveryService deliveries)
{
    /// <summary>Each new report version reaches the county once; a refusing webhook is retried, then the message is poisoned.</summary>
    [Function(nameof(DeliverReport))]
    public Task Run(
        [QueueTrigger($"%{StorageNames.DeliveryQueueSetting}%", Connection = StorageConnection.Name)] DeliveryJob job,
        CancellationToken cancellationToken) =>
        deliveries.DeliverAsync(job, cancellationToken);
}
