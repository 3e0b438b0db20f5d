using System.Diagnostics;
using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using VillageReports.Catalog;
using VillageReports.Local;
using VillageReports.Reports;
using VillageReports.Storage;
using VillageReports.Submissions;
using VillageReports.Units;

using static VillageReports.Benchmarks.Stats;

namespace VillageReports.Benchmarks;

/// <summary>
/// A timed harness against Azurite (started here, in memory): start-up of the local runner, submissions per second
/// over HTTP (or, for a large county, figures seeded straight through the store), and a county of towns × villages
/// (20 × 20 unless told) assembled through the report queue as the monthly timer starts it. Prints its figures.
/// </summary>
public static class CountyHarness
{
    public static async Task RunAsync(int towns = 20, int villagesPerTown = 20, bool seedOverHttp = true)
    {
        var watch = Stopwatch.StartNew();
        await using var harness = await HarnessApp.StartAsync(TimeSpan.FromSeconds(100), inMemory: true, new Dictionary<string, string?>
        {
            ["AzureFunctionsJobHost:extensions:queues:maxPollingInterval"] = "00:00:00.100",
        }, storage => services => RoundTrips.Register(services, storage.ConnectionString));
        var (app, http, azurite) = (harness.App, harness.Http, harness.Storage);
        (await http.GetAsync("api/catalog")).EnsureSuccessStatusCode();
        Print($"Azurite and the local runner: started, and the first request answered, in {watch.ElapsedMilliseconds} ms");

        var catalog = ElementCatalog.LoadEmbedded();
        var last = Period.Containing(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8))).Previous;
        var registered = new List<(string Town, List<string> Villages)>();
        for (var t = 1; t <= towns; t++)
        {
            registered.Add(await harness.RegisterTownAsync(t, villagesPerTown));
        }

        // Every unit of every town, 14 months: through the API, 8 at a time (submissions per second), or through the store.
        var townCodes = registered.Select(r => r.Town).ToList();
        var units = registered.SelectMany(r => new[] { (Code: r.Town, Level: UnitLevel.Town) }.Concat(r.Villages.Select(v => (Code: v, Level: UnitLevel.Village)))).ToList();
        var months = last.AddMonths(-13).Through(last).ToList();
        var work = units.SelectMany(u => months.Select(m => (u.Code, u.Level, Period: m))).ToList();
        watch.Restart();
        if (seedOverHttp)
        {
            var failures = 0;
            await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, ct) =>
            {
                var content = new StringContent(DemoTown.Json(DemoTown.Figures(catalog, item.Code, item.Level, item.Period)), Encoding.UTF8, "application/json");
                var response = await http.PutAsync($"api/units/{item.Code}/submissions/{item.Period}", content, ct);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failures);
                }
            });
            var seconds = watch.Elapsed.TotalSeconds;
            Print($"submissions: {work.Count} PUTs over HTTP ({catalog.Elements.Count(e => e.ReportedBy == UnitLevel.Village)} figures each for villages), 8 concurrent: {seconds:0.0} s, {work.Count / seconds:0} per second, {failures} refused");
        }
        else
        {
            var stored = await StoreSeed.SeedInBatchesAsync(app.Services, units, months);
            Print($"submissions: {stored} of {work.Count} seeded as SubmissionStore's rows, a unit's months in one transaction (no HTTP), in {watch.Elapsed.TotalSeconds:0.0} s");
        }

        // The county's monthly reports through the queue, as the timer starts them.
        var reports = app.Services.GetRequiredService<ReportRequests>();
        var (ownCpu, storageCpu) = (Process.GetCurrentProcess().TotalProcessorTime, azurite.ProcessorTime);
        watch.Restart();
        RoundTrips.CountEverything();
        await reports.EnqueueForAllTownsAsync(ReportKind.Monthly, default);
        // One query over every town's index rows, ten times a second: polling each town would load the storage under test.
        var index = app.Services.GetRequiredService<TableServiceClient>().GetTableClient(app.Services.GetRequiredService<StorageNames>().ReportsTable);
        await index.CreateIfNotExistsAsync(); // polled before the first report would make it
        var (first, end) = (StorageKeys.ReportRowsFrom(ReportPeriod.Month(last)), StorageKeys.ReportRowsTo(ReportPeriod.Month(last)));
        var done = 0;
        long bytes = 0;
        while (done < towns && watch.Elapsed < TimeSpan.FromMinutes(10))
        {
            await Task.Delay(100);
            var found = await index.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey gt {first} and RowKey lt {end}"), select: ["PartitionKey", "Size"]).ToListAsync();
            done = found.Select(r => r.PartitionKey).Distinct().Count();
            bytes = found.Sum(r => r.GetInt64("Size") ?? 0);
        }

        Print($"county: {done} of {towns} towns × {villagesPerTown} villages assembled through the queue in {watch.Elapsed.TotalSeconds:0.0} s ({watch.ElapsedMilliseconds / Math.Max(1, done)} ms per town), {bytes / Math.Max(1, done) / 1024.0:0.0} KiB per PDF");
        var requests = RoundTrips.Everything();
        Print($"        storage requests meanwhile: {requests.Sum(r => r.Count)} ({requests.Sum(r => r.Count) / (double)Math.Max(1, done):0.0} a town): {string.Join(", ", requests.Select(r => $"{r.Request} {r.Count}"))}");
        Print($"        processor time meanwhile: {(Process.GetCurrentProcess().TotalProcessorTime - ownCpu).TotalSeconds:0.0} s in the app (2 cores), {(azurite.ProcessorTime - storageCpu).TotalSeconds:0.0} s in Azurite (one thread; its queries scan the whole table)");

        // One town end to end again (lock, load from storage, hash, render, store, enqueue the delivery), warm: a month's
        // first report, which waits for its new lock to settle, then a new version of each after a village's correction.
        var assembler = app.Services.GetRequiredService<ReportAssembler>();
        var submissions = app.Services.GetRequiredService<SubmissionStore>();
        var firstTown = UnitCode.Parse(townCodes[0]);
        var village = UnitCode.Parse(units.First(u => u.Level == UnitLevel.Village).Code);
        await assembler.AssembleAsync(ReportJob.For(firstTown, ReportPeriod.Month(last.AddMonths(-1))), default);
        var firsts = new List<double>();
        var changed = new List<double>();
        var months5 = Enumerable.Range(2, 5).Select(i => last.AddMonths(-i)).ToList();
        foreach (var month in months5)
        {
            watch.Restart();
            await assembler.AssembleAsync(ReportJob.For(firstTown, ReportPeriod.Month(month)), default);
            firsts.Add(watch.Elapsed.TotalMilliseconds);
        }

        var settle = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<VillageReportsOptions>>().Value.LockSettleTime;
        await Task.Delay(settle * 2);
        foreach (var month in months5)
        {
            var current = await submissions.GetCurrentAsync(village, month, default);
            var corrected = current!.Submission with { Revision = current.Submission.Revision + 1, Values = current.Submission.Values.ToDictionary(v => v.Key, v => v.Value + 1), Reason = "更正" };
            await submissions.TrySaveAsync(corrected, current, current.FirstSubmittedAt, default);
            watch.Restart();
            await assembler.AssembleAsync(ReportJob.For(firstTown, ReportPeriod.Month(month)), default);
            changed.Add(watch.Elapsed.TotalMilliseconds);
        }

        Print($"one town ({villagesPerTown} villages) end to end against Azurite, warm, median of 5: a month's first report {Median(firsts):0} ms (of which {settle.TotalMilliseconds:0} ms the new lock settling), a new version after a correction {Median(changed):0} ms");
    }

    private static void Print(string line) => Console.WriteLine(line);

}
