using System.Collections.Concurrent;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace VillageReports.Storage;

/// <summary>Hands out table, container and queue clients, creating each resource once per process on first use.</summary>
public sealed class StorageResources(TableServiceClient tables, BlobServiceClient blobs, QueueServiceClient queues)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _tables = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<BlobContainerClient>>> _containers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<QueueClient>>> _queues = new(StringComparer.Ordinal);

    public Task<TableClient> TableAsync(string name) =>
        Once(_tables, name, async () =>
        {
            var client = tables.GetTableClient(name);
            await client.CreateIfNotExistsAsync().ConfigureAwait(false);
            return client;
        });

    public Task<BlobContainerClient> ContainerAsync(string name) =>
        Once(_containers, name, async () =>
        {
            var client = blobs.GetBlobContainerClient(name);
            await client.CreateIfNotExistsAsync().ConfigureAwait(false);
            return client;
        });

    public Task<QueueClient> QueueAsync(string name) =>
        Once(_queues, name, async () =>
        {
            var client = queues.GetQueueClient(name);
            await client.CreateIfNotExistsAsync().ConfigureAwait(false);
            return client;
        });

    private static async Task<T> Once<T>(ConcurrentDictionary<string, Lazy<Task<T>>> cache, string name, Func<Task<T>> create)
    {
        var lazy = cache.GetOrAdd(name, _ => new Lazy<Task<T>>(create));
        try
        {
            return await lazy.Value.ConfigureAwait(false);
        }
        catch
        {
            // A failed creation (storage down or not up yet) must not stick: whoever asks next tries again.
            cache.TryRemove(new KeyValuePair<string, Lazy<Task<T>>>(name, lazy));
            throw;
        }
    }
}
