using System.Text.Json;

namespace VillageReports.Storage;

/// <summary>Puts work on one of the app's queues as JSON, for a queue-triggered function to pick up.</summary>
public sealed class JobSender(StorageResources storage, StorageNames names)
{
    /// <param name="visibilityDelay">How long the message stays invisible: work put back for later.</param>
    public async Task SendAsync<T>(Work queue, T message, CancellationToken cancellationToken, TimeSpan? visibilityDelay = null)
    {
        var client = await storage.QueueAsync(names.Of(queue));
        await client.SendMessageAsync(JsonSerializer.Serialize(message, JsonSerializerOptions.Web), visibilityDelay, cancellationToken: cancellationToken);
    }
}
