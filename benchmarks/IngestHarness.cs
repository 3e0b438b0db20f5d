using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Azure.Data.Tables;
using VillageReports.Catalog;
using VillageReports.Local;
using VillageReports.Tests.Support;
using VillageReports.Units;

using static VillageReports.Benchmarks.Stats;

namespace VillageReports.Benchmarks;

/// <summary>
/// Submissions per second through the app's HTTP API against the Azure Tables SDK doing the same essential work
/// (point-read the current row, then one transaction writing the current row and a revision), on the same Azurite,
/// runs alternated so both see the same machine. Every village posts with its own token, as a clerk's phone does.
/// Prints each run, then both medians, the ratio, and p50/p99 latency.
/// </summary>
public static class IngestHarness
{
    /// <summary>The first days of a month in a county: every village of <paramref name="towns"/> towns posts last month and this one.</summary>
    public static async Task RunAsync(int towns = 12, int villagesPerTown = 46, int months = 2, int writers = 8, int rounds = 5)
    {
        await using var harness = await HarnessApp.StartAsync(TimeSpan.FromSeconds(30), inMemory: true);
        var units = new List<string>();
        for (var t = 1; t <= towns; t++)
        {
            var (town, villages) = await harness.RegisterTownAsync(t, villagesPerTown);
            units.Add(town);
            units.AddRange(villages);
        }

        var tokens = new Dictionary<string, string>();
        foreach (var unit in units)
        {
            var issued = await (await harness.Http.PostAsync($"api/units/{unit}/tokens", null)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<IssuedToken>();
            tokens[unit] = issued!.Token;
        }

        var catalog = ElementCatalog.LoadEmbedded();
        var baseline = new TableServiceClient(harness.Storage.ConnectionString).GetTableClient("ingestbaseline");
        await baseline.CreateIfNotExistsAsync();
        using var http = new HttpClient { BaseAddress = harness.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        Console.WriteLine($"ingest: {towns} towns, {units.Count} units × {months} months = {units.Count * months} submissions a run, {writers} writers, {rounds} rounds of each, alternated");
        // A first run of each, not counted: the code is compiled and the connections opened before anything is timed.
        Console.WriteLine("warm-up (not counted):");
        await TimeAsync("app", harness.Storage, Work(catalog, units, new Period(2000, 1), 1), writers, (item, ct) => PutOverHttpAsync(http, tokens[item.Unit], item, ct));
        await TimeAsync("sdk", harness.Storage, Work(catalog, units, new Period(2000, 7), 1), writers, (item, ct) => SaveWithSdkAsync(baseline, item, ct));
        var app = new List<Run>();
        var sdk = new List<Run>();
        for (var round = 0; round < rounds; round++)
        {
            // Each run posts months no run posted before, so every submission is a first one, as on the 1st of a month.
            var work = Work(catalog, units, new Period(2001 + (round * 4), 1), months);
            app.Add(await TimeAsync("app", harness.Storage, work, writers, (item, ct) => PutOverHttpAsync(http, tokens[item.Unit], item, ct)));
            var sdkWork = Work(catalog, units, new Period(2003 + (round * 4), 1), months);
            sdk.Add(await TimeAsync("sdk", harness.Storage, sdkWork, writers, (item, ct) => SaveWithSdkAsync(baseline, item, ct)));
        }

        var appRate = Median(app.Select(r => r.PerSecond));
        var sdkRate = Median(sdk.Select(r => r.PerSecond));
        Console.WriteLine();
        Console.WriteLine($"app (HTTP PUT):  {appRate,7:0} submissions/s  p50 {Median(app.Select(r => r.P50)),6:0.0} ms  p99 {Median(app.Select(r => r.P99)),6:0.0} ms  (median of {rounds})");
        Console.WriteLine($"sdk (read + tx): {sdkRate,7:0} submissions/s  p50 {Median(sdk.Select(r => r.P50)),6:0.0} ms  p99 {Median(sdk.Select(r => r.P99)),6:0.0} ms  (median of {rounds})");
        Console.WriteLine($"ratio app/sdk:   {appRate / sdkRate:0.00}×");
        Console.WriteLine($"processor time per submission (median): app {Median(app.Select(r => r.OwnCpu)):0.00} ms here + {Median(app.Select(r => r.StorageCpu)):0.00} ms in Azurite; sdk {Median(sdk.Select(r => r.OwnCpu)):0.00} ms here + {Median(sdk.Select(r => r.StorageCpu)):0.00} ms in Azurite");
    }

    private static List<Item> Work(ElementCatalog catalog, List<string> units, Period first, int months) =>
        units.SelectMany(u => first.Through(first.AddMonths(months - 1)).Select(p =>
        {
            var level = u.EndsWith("000", StringComparison.Ordinal) ? UnitLevel.Town : UnitLevel.Village;
            return new Item(u, p, DemoTown.Json(DemoTown.Figures(catalog, u, level, p)));
        })).ToList();

    private static async Task<Run> TimeAsync(string name, OwnAzurite storage, List<Item> work, int writers, Func<Item, CancellationToken, Task> post)
    {
        var latencies = new double[work.Count];
        var next = -1;
        var (ownCpu, storageCpu) = (Process.GetCurrentProcess().TotalProcessorTime, storage.ProcessorTime);
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, writers), async (_, ct) =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < work.Count)
            {
                var started = Stopwatch.GetTimestamp();
                await post(work[i], ct);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        });
        var elapsed = watch.Elapsed;
        var run = new Run(work.Count / elapsed.TotalSeconds, Percentile(latencies, 50), Percentile(latencies, 99),
            (Process.GetCurrentProcess().TotalProcessorTime - ownCpu).TotalMilliseconds / work.Count, (storage.ProcessorTime - storageCpu).TotalMilliseconds / work.Count);
        Console.WriteLine($"{name}: {work.Count} in {elapsed.TotalSeconds:0.00} s = {run.PerSecond:0}/s, p50 {run.P50:0.0} ms, p99 {run.P99:0.0} ms; processor time per submission: {run.OwnCpu:0.00} ms here (client{(name == "app" ? " and app" : "")}), {run.StorageCpu:0.00} ms in Azurite");
        return run;
    }

    private static async Task PutOverHttpAsync(HttpClient http, string token, Item item, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"api/units/{item.Unit}/submissions/{item.Period}")
        {
            Content = new StringContent(item.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, cancellationToken);
        if ((int)response.StatusCode != 201)
        {
            throw new InvalidOperationException($"PUT {item.Unit}/{item.Period}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    /// <summary>The least a store of revisions can do: read the current row, then write it and a revision in one transaction.</summary>
    private static async Task SaveWithSdkAsync(TableClient table, Item item, CancellationToken cancellationToken)
    {
        var current = await table.GetEntityIfExistsAsync<TableEntity>(item.Unit, $"cur|{item.Period}", cancellationToken: cancellationToken);
        var revision = current.HasValue ? (int)current.Value!["Revision"] + 1 : 1;
        var row = new TableEntity(item.Unit, $"cur|{item.Period}") { ["Revision"] = revision, ["Values"] = item.Body, ["SubmittedAt"] = DateTimeOffset.UtcNow };
        var history = new TableEntity(item.Unit, $"rev|{item.Period}|{revision:D6}") { ["Revision"] = revision, ["Values"] = item.Body, ["SubmittedAt"] = DateTimeOffset.UtcNow };
        await table.SubmitTransactionAsync(
        [
            current.HasValue ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, current.Value!.ETag) : new TableTransactionAction(TableTransactionActionType.Add, row),
            new TableTransactionAction(TableTransactionActionType.Add, history),
        ], cancellationToken);
    }

    private sealed record Item(string Unit, Period Period, string Body);

    private sealed record Run(double PerSecond, double P50, double P99, double OwnCpu, double StorageCpu);
}
