using System.Text.Json;

namespace VillageReports.Storage;

/// <summary>Puts work on a queue as JSON, for a queue-triggered function to pick up.</summary>
public sealed class JobSender(StorageResources storage)
{
    /// <param name="visibilityDelay">How long the message stays invisible: work put back for later.</param>
    public async Task SendAsync<T>(string queueName, T message, CancellationToken cancellationToken, TimeSpan? visibilityDelay = null)
    {
        var queue = await storage.QueueAsync(queueName);
        await queue.SendMessageAsync(JsonSerializer.Serialize(message, JsonSerializerOptions.Web), visibilityDelay, cancellationToken: cancellationToken);
    }
}
