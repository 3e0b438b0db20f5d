using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;

namespace VillageReports.Benchmarks;

/// <summary>
/// Counts the storage requests made inside a scope (an <see cref="AsyncLocal{T}"/>, so the runner's own queue polling
/// and other jobs running at the same time are not counted): the app's clients are replaced by ones carrying this policy.
/// </summary>
public sealed class RoundTrips : HttpPipelineSynchronousPolicy
{
    private static readonly AsyncLocal<Scope?> Current = new();
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<HttpMessage, Request> Pending = [];

    private static System.Collections.Concurrent.ConcurrentDictionary<string, int>? _everything;

    public static Scope Begin() => Current.Value = new Scope();

    /// <summary>Counts every request from now on, whoever makes it, by method and table, container or queue.</summary>
    public static void CountEverything() => _everything = new();

    /// <summary>What <see cref="CountEverything"/> counted, most first.</summary>
    public static IReadOnlyList<(string Request, int Count)> Everything() =>
        (_everything ?? new()).OrderByDescending(e => e.Value).Select(e => (e.Key, e.Value)).ToList();

    public override void OnSendingRequest(HttpMessage message)
    {
        if (_everything is { } everything)
        {
            var segments = message.Request.Uri.ToUri().AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var resource = segments.Length > 1 ? segments[1].Split('(')[0] : "";
            var kind = segments.Length > 2 && segments[^1] == "messages" ? " messages" : segments.Length > 2 && !segments[1].Contains('(') ? " blob" : "";
            var lease = message.Request.Uri.Query.Contains("comp=lease", StringComparison.Ordinal) ? " lease" : "";
            everything.AddOrUpdate($"{message.Request.Method} {resource}{kind}{lease}", 1, (_, n) => n + 1);
        }

        if (Current.Value is { } scope)
        {
            var uri = message.Request.Uri.ToUri();
            // Account and prefix say nothing: the method and the resource do (a table or container, a row range, a blob).
            var path = Uri.UnescapeDataString(uri.AbsolutePath);
            var query = Uri.UnescapeDataString(uri.Query);
            var filter = query.Contains("$filter=", StringComparison.Ordinal) ? " " + query[(query.IndexOf("$filter=", StringComparison.Ordinal) + 8)..].Split('&')[0] : "";
            var comp = query.Contains("comp=lease", StringComparison.Ordinal) ? " (lease " + message.Request.Headers.FirstOrDefault(h => h.Name.Equals("x-ms-lease-action", StringComparison.OrdinalIgnoreCase)).Value + ")" : "";
            var entry = new Request($"{message.Request.Method} {path}{comp}{filter}", scope.Elapsed);
            Pending.AddOrUpdate(message, entry);
            scope.Add(entry);
        }
    }

    public override void OnReceivedResponse(HttpMessage message)
    {
        if (Current.Value is { } scope && Pending.TryGetValue(message, out var entry))
        {
            entry.Ended = scope.Elapsed;
            Pending.Remove(message);
        }
    }

    /// <summary>Registers table, blob and queue clients that count through this policy (the last registration wins).</summary>
    public static void Register(IServiceCollection services, string connectionString)
    {
        var policy = new RoundTrips();
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        var blobOptions = new BlobClientOptions();
        blobOptions.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        queueOptions.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        services.AddSingleton(new TableServiceClient(connectionString, tableOptions));
        services.AddSingleton(new BlobServiceClient(connectionString, blobOptions));
        services.AddSingleton(new QueueServiceClient(connectionString, queueOptions));
    }

    public sealed class Request(string text, double started)
    {
        public string Text => text;
        public double Started => started;
        public double Ended { get; set; } = double.NaN;
    }

    public sealed class Scope
    {
        private readonly List<Request> _requests = [];
        private readonly System.Diagnostics.Stopwatch _watch = System.Diagnostics.Stopwatch.StartNew();

        public double Elapsed => _watch.Elapsed.TotalMilliseconds;

        public IReadOnlyList<Request> Requests
        {
            get
            {
                lock (_requests)
                {
                    return [.. _requests];
                }
            }
        }

        public void Add(Request request)
        {
            lock (_requests)
            {
                _requests.Add(request);
            }
        }

        /// <summary>The longest chain of requests each started after the one before it ended: the round trips waited for one after another.</summary>
        public int SequentialSteps()
        {
            var requests = Requests.OrderBy(r => r.Started).ToList();
            var depth = new int[requests.Count];
            for (var i = 0; i < requests.Count; i++)
            {
                depth[i] = 1 + Enumerable.Range(0, i).Where(j => requests[j].Ended <= requests[i].Started).Select(j => depth[j]).DefaultIfEmpty(0).Max();
            }

            return depth.DefaultIfEmpty(0).Max();
        }
    }
}
