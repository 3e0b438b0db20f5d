using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using VillageReports.Local;
using VillageReports.Tests.Support;

namespace VillageReports.Benchmarks;

/// <summary>
/// Load while storage dies and comes back: 8 clerks post figures, each retrying the same body until it is
/// acknowledged, as the phone form does; storage is stopped for a while mid-run and started again. Prints what was
/// acknowledged, lost (must be 0), doubled (must be 0), the answers seen during the outage and the time to recover.
/// The outage begins once a third of the work is acknowledged.
/// </summary>
public static class FaultHarness
{
    public static async Task RunAsync(int villages = 20, int months = 12, int writers = 8, double outageSeconds = 8)
    {
        await using var harness = await HarnessApp.StartAsync(TimeSpan.FromSeconds(30));
        var azurite = harness.Storage;
        var http = harness.Http;
        var (_, codes) = await harness.RegisterTownAsync(0, villages);

        var work = codes.SelectMany(c => Enumerable.Range(1, months).Select(m => (Unit: c, Period: $"2025-{m:D2}", Heaters: (m * 7 + int.Parse(c[^3..], CultureInfo.InvariantCulture)) % 50))).ToList();
        var acknowledged = new ConcurrentBag<(string Unit, string Period, int Heaters)>();
        var duringOutage = new ConcurrentDictionary<string, int>();
        var refused = new ConcurrentDictionary<string, int>();
        var outage = 0; // 0 before, 1 during, 2 after
        var recovered = new TaskCompletionSource<TimeSpan>();
        var restartedAt = Stopwatch.StartNew();

        // The outage begins once a third of the work is acknowledged, however fast the machine: mid-run, with writes in flight.
        var chaos = Task.Run(async () =>
        {
            while (acknowledged.Count < work.Count / 3)
            {
                await Task.Delay(10);
            }

            Volatile.Write(ref outage, 1);
            await azurite.StopAsync();
            await Task.Delay(TimeSpan.FromSeconds(outageSeconds));
            await azurite.StartAsync();
            restartedAt.Restart();
            Volatile.Write(ref outage, 2);
        });

        var watch = Stopwatch.StartNew();
        using var progress = new Timer(_ => Console.WriteLine($"faults: {watch.Elapsed.TotalSeconds:0}s, {acknowledged.Count} of {work.Count} acknowledged, storage {(Volatile.Read(ref outage) == 1 ? "down" : "up")}"), null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = writers }, async (item, ct) =>
        {
            var body = $$"""{ "values": { "heating.heaters": {{item.Heaters}} } }""";
            while (true)
            {
                string answer;
                try
                {
                    using var response = await http.PutAsync($"api/units/{item.Unit}/submissions/{item.Period}", new StringContent(body, Encoding.UTF8, "application/json"), ct);
                    if (response.IsSuccessStatusCode)
                    {
                        acknowledged.Add(item);
                        if (Volatile.Read(ref outage) == 2)
                        {
                            recovered.TrySetResult(restartedAt.Elapsed);
                        }

                        return;
                    }

                    answer = $"{(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType}";
                    if ((int)response.StatusCode is >= 400 and < 500 and not 408 and not 429)
                    {
                        // Refused for what it is, not for the outage: sending it again would not help.
                        refused.AddOrUpdate(answer + " " + await response.Content.ReadAsStringAsync(ct), 1, (_, n) => n + 1);
                        return;
                    }
                }
                catch (HttpRequestException ex)
                {
                    answer = "connection: " + ex.HttpRequestError;
                }

                if (Volatile.Read(ref outage) == 1)
                {
                    duringOutage.AddOrUpdate(answer, 1, (_, n) => n + 1);
                }

                // A clerk's phone waits and sends the same body again.
                await Task.Delay(500, ct);
            }
        });
        await chaos;
        var elapsed = watch.Elapsed;

        var lost = 0;
        var doubled = 0;
        foreach (var item in acknowledged)
        {
            var revisions = (await http.GetFromJsonAsync<JsonElement>($"api/units/{item.Unit}/submissions/{item.Period}/revisions")).GetProperty("revisions");
            doubled += revisions.GetArrayLength() > 1 ? 1 : 0;
            var last = revisions.EnumerateArray().LastOrDefault();
            lost += last.ValueKind == JsonValueKind.Undefined || last.GetProperty("values").GetProperty("heating.heaters").GetInt32() != item.Heaters ? 1 : 0;
        }

        Console.WriteLine($"faults: {work.Count} submissions by {writers} writers in {elapsed.TotalSeconds:0.0} s, storage down for {outageSeconds:0} s mid-run");
        Console.WriteLine($"faults: acknowledged {acknowledged.Count}, lost {lost}, duplicate revisions {doubled}, refused {refused.Values.Sum()} {string.Join("; ", refused.Keys)}");
        Console.WriteLine($"faults: answers during the outage: {string.Join(", ", duringOutage.OrderByDescending(a => a.Value).Select(a => $"{a.Key} ×{a.Value}"))}");
        Console.WriteLine(recovered.Task.IsCompleted
            ? $"faults: first acknowledged write {recovered.Task.Result.TotalSeconds:0.00} s after storage came back"
            : "faults: every write was acknowledged before storage came back");
    }
}
