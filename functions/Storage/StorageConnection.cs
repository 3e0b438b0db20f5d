using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace VillageReports.Storage;

/// <summary>
/// Builds the storage clients from the <c>Storage</c> connection, in either of the forms the Functions host understands:
/// a connection string (locally <c>UseDevelopmentStorage=true</c>), or the identity form
/// (<c>Storage__tableServiceUri</c>, <c>__blobServiceUri</c>, <c>__queueServiceUri</c>, <c>__credential</c>, <c>__clientId</c>).
/// </summary>
public sealed class StorageConnection
{
    public const string Name = "Storage";

    private readonly string? _connectionString;
    private readonly IConfigurationSection _section;
    private readonly TimeSpan _networkTimeout;
    private readonly int _maxRetries;

    public StorageConnection(IConfiguration configuration)
    {
        _connectionString = configuration[Name];
        _section = configuration.GetSection(Name);
        var options = configuration.GetSection(VillageReportsOptions.Section).Get<VillageReportsOptions>() ?? new VillageReportsOptions();
        _networkTimeout = options.StorageNetworkTimeout;
        _maxRetries = options.StorageMaxRetries;
        if (string.IsNullOrWhiteSpace(_connectionString) && _section["tableServiceUri"] is null)
        {
            throw new InvalidOperationException(
                $"No storage is configured: set '{Name}' to a connection string, or '{Name}__tableServiceUri', '__blobServiceUri' and '__queueServiceUri' for a managed identity.");
        }
    }

    public TableServiceClient CreateTableServiceClient()
    {
        var options = Bounded(new TableClientOptions());
        return _connectionString is { Length: > 0 } cs ? new TableServiceClient(cs, options) : new TableServiceClient(Uri("tableServiceUri"), Credential(), options);
    }

    public BlobServiceClient CreateBlobServiceClient()
    {
        var options = Bounded(new BlobClientOptions());
        return _connectionString is { Length: > 0 } cs ? new BlobServiceClient(cs, options) : new BlobServiceClient(Uri("blobServiceUri"), Credential(), options);
    }

    public QueueServiceClient CreateQueueServiceClient()
    {
        // The Functions queue trigger reads base64 messages by default (host.json: messageEncoding).
        var options = Bounded(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        return _connectionString is { Length: > 0 } cs
            ? new QueueServiceClient(cs, options)
            : new QueueServiceClient(Uri("queueServiceUri"), Credential(), options);
    }

    /// <summary>
    /// Bounds how long a storage call may take, retries included, so an outage answers 503 within a client's patience
    /// (a few seconds) instead of the SDK's default of about a minute of retries with 100-second tries.
    /// </summary>
    private T Bounded<T>(T options) where T : ClientOptions
    {
        options.Retry.MaxRetries = _maxRetries;
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        options.Retry.NetworkTimeout = _networkTimeout;
        return options;
    }

    private Uri Uri(string key) =>
        new(_section[key] ?? throw new InvalidOperationException($"Setting '{Name}__{key}' is missing."));

    private TokenCredential Credential() =>
        string.Equals(_section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(_section["clientId"] ?? throw new InvalidOperationException($"Setting '{Name}__clientId' is missing.")))
            : new DefaultAzureCredential();
}
