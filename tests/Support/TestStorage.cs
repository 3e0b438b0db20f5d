using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using VillageReports.Storage;

namespace VillageReports.Tests.Support;

/// <summary>
/// The Azurite instance ./test.sh starts (VILLAGEREPORTS_TEST_STORAGE), or a developer's own on the default ports.
/// Each user gets a fresh name prefix, so test classes never see each other's tables, containers or queues.
/// </summary>
public static class TestStorage
{
    public static string ConnectionString { get; } =
        Environment.GetEnvironmentVariable("VILLAGEREPORTS_TEST_STORAGE") is { Length: > 0 } configured ? configured : "UseDevelopmentStorage=true";

    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Settings for an app that uses its own prefix in the shared Azurite.</summary>
    public static Dictionary<string, string?> Settings(string prefix) => new()
    {
        ["Storage"] = ConnectionString,
        ["AzureWebJobsStorage"] = ConnectionString,
        ["VillageReports:StoragePrefix"] = prefix,
        [StorageNames.ReportJobsQueueSetting] = prefix + "report-jobs",
        [StorageNames.DeliveryQueueSetting] = prefix + "deliveries",
        [StorageNames.ReminderQueueSetting] = prefix + "reminders",

        // Short, so tests that lock many months stay quick; the settle logic is the same at any length.
        ["VillageReports:LockSettleTime"] = "00:00:00.100",

        // Off: every app of the suite would render a report at start (the warm-up's own tests turn it on).
        ["VillageReports:WarmUp:Enabled"] = "false",
    };

    public static StorageResources Resources() =>
        new(new TableServiceClient(ConnectionString), new BlobServiceClient(ConnectionString),
            new StorageConnection(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Storage"] = ConnectionString }).Build()).CreateQueueServiceClient());

    /// <summary>Deletes every table, container and queue a test made under its prefix.</summary>
    public static async Task DeleteAsync(string prefix)
    {
        var tables = new TableServiceClient(ConnectionString);
        await foreach (var table in tables.QueryAsync(TableServiceClient.CreateQueryFilter($"TableName ge {prefix} and TableName lt {prefix + "~"}")))
        {
            await tables.DeleteTableAsync(table.Name);
        }

        var blobs = new BlobServiceClient(ConnectionString);
        await foreach (var container in blobs.GetBlobContainersAsync(prefix: prefix))
        {
            await blobs.DeleteBlobContainerAsync(container.Name);
        }

        var queues = new QueueServiceClient(ConnectionString);
        await foreach (var queue in queues.GetQueuesAsync(prefix: prefix))
        {
            await queues.DeleteQueueAsync(queue.Name);
        }
    }

    public static StorageNames Names(string prefix) =>
        StorageNames.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(Settings(prefix)).Build());
}
