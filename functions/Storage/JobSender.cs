using System.Text.Json;

namespace VillageReports.Storage;

/// <summary>Puts work on a queue as JSON, for a queue-triggered function to pick up.</summary>
public sealed class JobSender(StorageResources storage)
{
    public async Task SendAsync<T>(string queueName, T message, CancellationToken cancellationToken)
    {
        var queue = await storage.QueueAsync(queueName);
        await queue.SendMessageAsync(JsonSerializer.Serialize(message, JsonSerializerOptions.Web), cancellationToken);
    }
}
