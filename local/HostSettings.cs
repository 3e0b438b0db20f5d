using System.Globalization;
using System.Text.Json;

namespace VillageReports.Local;

/// <summary>How the queue trigger polls, retries and poisons: host.json's <c>extensions.queues</c>.</summary>
public sealed record QueueTriggerSettings(
    int BatchSize, int NewBatchThreshold, int MaxDequeueCount, TimeSpan VisibilityTimeout, TimeSpan MaxPollingInterval, bool Base64Messages)
{
    /// <summary>The host's floor, and the first delay after an empty poll (QueuePollingIntervals.Minimum).</summary>
    public static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);
}

/// <summary>
/// The settings the Functions host reads from host.json, with the host's defaults where host.json says nothing.
/// As on the real host, host.json is configuration under <c>AzureFunctionsJobHost</c>, so an app setting
/// <c>AzureFunctionsJobHost__extensions__queues__visibilityTimeout</c> overrides it ("Override host.json values",
/// functions-host-json.md).
/// </summary>
public sealed record HostSettings(string RoutePrefix, QueueTriggerSettings Queues)
{
    public const string Section = "AzureFunctionsJobHost";

    /// <summary>host.json as flat configuration keys under <see cref="Section"/>, the way the host layers it.</summary>
    public static Dictionary<string, string?> ReadHostJson(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var keys = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        Flatten(document.RootElement, Section, keys);
        return keys;
    }

    /// <summary>
    /// Defaults are the host's own (Microsoft.Azure.WebJobs.Extensions.Storage.Queues, QueuesOptions): batchSize 16,
    /// newBatchThreshold batchSize/2 × processor count, maxDequeueCount 5, visibilityTimeout 0, maxPollingInterval
    /// one minute, messageEncoding base64; and <c>api</c> as the HTTP route prefix.
    /// </summary>
    public static HostSettings From(IConfiguration configuration)
    {
        var host = configuration.GetSection(Section);
        var queues = host.GetSection("extensions:queues");
        var batchSize = Read(queues, "batchSize", 16, int.Parse);
        if (batchSize is < 1 or > 32)
        {
            throw new InvalidOperationException($"host.json extensions.queues.batchSize must be between 1 and 32 (it is {batchSize}).");
        }

        var maxDequeueCount = Read(queues, "maxDequeueCount", 5, int.Parse);
        if (maxDequeueCount < 1)
        {
            throw new InvalidOperationException($"host.json extensions.queues.maxDequeueCount must be at least 1 (it is {maxDequeueCount}).");
        }

        var newBatchThreshold = Read(queues, "newBatchThreshold", batchSize / 2 * Environment.ProcessorCount, int.Parse);
        var maxPollingInterval = Read(queues, "maxPollingInterval", TimeSpan.FromMinutes(1), ParseInterval);
        if (maxPollingInterval < QueueTriggerSettings.MinPollingInterval)
        {
            throw new InvalidOperationException($"host.json extensions.queues.maxPollingInterval must not be less than {QueueTriggerSettings.MinPollingInterval}.");
        }

        var encoding = queues["messageEncoding"] ?? "base64";
        if (!encoding.Equals("base64", StringComparison.OrdinalIgnoreCase) && !encoding.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"host.json extensions.queues.messageEncoding must be base64 or none (it is {encoding}).");
        }

        return new HostSettings(
            host["extensions:http:routePrefix"] ?? "api",
            new QueueTriggerSettings(
                batchSize, newBatchThreshold, maxDequeueCount,
                Read(queues, "visibilityTimeout", TimeSpan.Zero, ParseInterval),
                maxPollingInterval,
                encoding.Equals("base64", StringComparison.OrdinalIgnoreCase)));
    }

    private static T Read<T>(IConfigurationSection section, string key, T fallback, Func<string, IFormatProvider, T> parse) =>
        section[key] is { Length: > 0 } text ? parse(text, CultureInfo.InvariantCulture) : fallback;

    // Bound as TimeSpan by the host, so "2000" means 2000 days there too, not milliseconds as in version 1 host.json.
    private static TimeSpan ParseInterval(string text, IFormatProvider culture) => TimeSpan.Parse(text, culture);

    private static void Flatten(JsonElement element, string path, Dictionary<string, string?> keys)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, path + ":" + property.Name, keys);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, path + ":" + index++.ToString(CultureInfo.InvariantCulture), keys);
                }

                break;
            case JsonValueKind.Null:
                keys[path] = null;
                break;
            default:
                keys[path] = element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText();
                break;
        }
    }
}
