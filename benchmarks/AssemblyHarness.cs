using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using VillageReports.Catalog;
using VillageReports.Delivery;
using VillageReports.Local;
using VillageReports.Reports;
using VillageReports.Submissions;
using VillageReports.Units;

using static VillageReports.Benchmarks.Stats;

namespace VillageReports.Benchmarks;

/// <summary>
/// One warm town's monthly report end to end through <see cref="ReportAssembler"/> against its own Azurite (in memory):
/// a month whose data changed before each run (a new version), the same month unchanged, and rendering alone from the
/// same data; then every storage request of one run of each, with how many were waited for one after another.
/// </summary>
public static class AssemblyHarness
{
    public static async Task RunAsync(int villages = 20, int rounds = 40)
    {
        await using var harness = await HarnessApp.StartAsync(TimeSpan.FromSeconds(100), inMemory: true, services: storage => services => RoundTrips.Register(services, storage.ConnectionString));
        var (app, http) = (harness.App, harness.Http);

        var (townCode, villageCodes) = await harness.RegisterTownAsync(0, villages);
        var last = Period.Containing(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8))).Previous;
        (await http.PutAsync($"api/towns/{townCode}/targets/{last.Year}", new StringContent("{\"targets\":{\"finance.tax_revenue\":4600}}", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        var months = last.AddMonths(-13).Through(last).ToList();
        var units = new[] { (Code: townCode, Level: UnitLevel.Town) }.Concat(villageCodes.Select(v => (Code: v, Level: UnitLevel.Village))).ToList();
        await StoreSeed.SeedAsync(app.Services, units, months);

        var assembler = app.Services.GetRequiredService<ReportAssembler>();
        var submissions = app.Services.GetRequiredService<SubmissionStore>();
        var periods = app.Services.GetRequiredService<PeriodStore>();

        // The month was locked long before, as when a correction comes days after the report: no timed run waits for
        // a new lock to settle (a month's first report does, once: see the county harness).
        await periods.LockIfOpenAsync(UnitCode.Parse(townCode), last, default);
        await Task.Delay(periods.SettledForGoodAfter);
        var job = ReportJob.For(UnitCode.Parse(townCode), ReportPeriod.Month(last));
        var amended = UnitCode.Parse(villageCodes[0]);
        await assembler.AssembleAsync(job, default);

        // An amendment by the town office after the lock, as SubmissionService stores one: the next run makes a new version.
        async Task AmendAsync(int round)
        {
            var current = (await submissions.GetCurrentAsync(amended, last, default))!;
            var values = new Dictionary<string, decimal>(current.Submission.Values) { ["roads.new_km"] = 1 + round / 100m };
            var next = current.Submission with { Revision = current.Submission.Revision + 1, Values = values, Reason = "更正第" + round.ToString(CultureInfo.InvariantCulture) + "次", SubmittedBy = "admin", SubmittedAt = DateTimeOffset.UtcNow };
            if (!await submissions.TrySaveAsync(next, current, current.FirstSubmittedAt, default))
            {
                throw new InvalidOperationException("The amendment was refused.");
            }

            await periods.MarkStaleAsync(UnitCode.Parse(townCode), last, default);
        }

        var (changedCpu, unchangedCpu) = (new List<double>(), new List<double>());
        var (changedAlloc, unchangedAlloc) = (new List<double>(), new List<double>());
        var phases = new List<(double Read, double Compute, double Write)>();
        var deliveries = app.Services.GetRequiredService<DeliveryStore>();
        var delivered = 0;
        RoundTrips.Scope? lastRun = null;
        async Task<double> TimedAsync(AssemblyStatus expected)
        {
            // The runner delivers the version made before: wait for it, so a run is timed alone and not beside a delivery.
            await WaitForDeliveryAsync();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var allocated = GC.GetTotalAllocatedBytes();
            var scope = lastRun = RoundTrips.Begin();
            var watch = Stopwatch.StartNew();
            var outcome = await assembler.AssembleAsync(job, default);
            var ms = watch.Elapsed.TotalMilliseconds;
            (expected == AssemblyStatus.Created ? changedCpu : unchangedCpu).Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
            (expected == AssemblyStatus.Created ? changedAlloc : unchangedAlloc).Add((GC.GetTotalAllocatedBytes() - allocated) / 1048576.0);
            if (outcome.Status != expected)
            {
                throw new InvalidOperationException($"Expected {expected}, the run answered {outcome.Status}.");
            }

            if (expected == AssemblyStatus.Created)
            {
                delivered = outcome.Version!.Version;
                phases.Add(Phases(scope.Requests, ms));
            }

            return ms;
        }

        async Task WaitForDeliveryAsync()
        {
            var town = UnitCode.Parse(townCode);
            var patience = Stopwatch.StartNew();
            while (delivered > 0 && !(await deliveries.ListAsync(town, default)).Any(d => d.Version == delivered && d.Status == DeliveryStore.Delivered))
            {
                if (patience.Elapsed > TimeSpan.FromSeconds(30))
                {
                    throw new InvalidOperationException($"Version {delivered} was not delivered within 30 s.");
                }

                await Task.Delay(20);
            }
        }

        // Warm-up of both paths, then the timed rounds alternated.
        for (var i = 0; i < 5; i++)
        {
            await AmendAsync(-1 - i);
            await TimedAsync(AssemblyStatus.Created);
            await TimedAsync(AssemblyStatus.Unchanged);
        }

        var changed = new List<double>();
        var unchanged = new List<double>();
        phases.Clear();
        for (var round = 0; round < rounds; round++)
        {
            await AmendAsync(round);
            changed.Add(await TimedAsync(AssemblyStatus.Created));
            unchanged.Add(await TimedAsync(AssemblyStatus.Unchanged));
        }

        // Rendering alone (aggregate, lay out, write the PDF and JSON), from the same data the assembler read.
        var loader = app.Services.GetRequiredService<ReportDataLoader>();
        var renderer = app.Services.GetRequiredService<ReportRenderer>();
        var catalog = app.Services.GetRequiredService<ElementCatalog>();
        var town = (await app.Services.GetRequiredService<UnitStore>().FindTownAsync(UnitCode.Parse(townCode), default))!;
        var data = await loader.LoadAsync(town, new Period(last.Year - 1, 1), last, last.Year, default);
        var render = new List<double>();
        var renderCpu = new List<double>();
        var renderAlloc = new List<double>();
        for (var i = 0; i < rounds + 5; i++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var allocated = GC.GetTotalAllocatedBytes();
            var watch = Stopwatch.StartNew();
            renderer.Render(ReportPeriod.Month(last), new Aggregator(catalog, data), DateTimeOffset.UtcNow);
            if (i >= 5)
            {
                render.Add(watch.Elapsed.TotalMilliseconds);
                renderCpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
                renderAlloc.Add((GC.GetTotalAllocatedBytes() - allocated) / 1048576.0);
            }
        }

        // The other parts alone: reading the data (storage and decoding) and the inputs hash.
        var load = new List<double>();
        var loadCpu = new List<double>();
        var hashing = new List<double>();
        var (loadAlloc, hashAlloc) = (new List<double>(), new List<double>());
        for (var i = 0; i < rounds + 5; i++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var allocated = GC.GetTotalAllocatedBytes();
            var watch = Stopwatch.StartNew();
            var loaded = await loader.LoadAsync(town, new Period(last.Year - 1, 1), last, last.Year, default);
            var loadMs = watch.Elapsed.TotalMilliseconds;
            var loadCpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            var loadBytes = GC.GetTotalAllocatedBytes() - allocated;
            allocated = GC.GetTotalAllocatedBytes();
            watch.Restart();
            InputsHash.Compute(ReportPeriod.Month(last), catalog, loaded, 5);
            if (i >= 5)
            {
                loadAlloc.Add(loadBytes / 1048576.0);
                hashAlloc.Add((GC.GetTotalAllocatedBytes() - allocated) / 1048576.0);
                load.Add(loadMs);
                loadCpu.Add(loadCpuMs);
                hashing.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        Print($"one town ({villages} villages + office, {months.Count} months seeded) through ReportAssembler, {rounds} rounds each, warm:");
        Print($"  changed month (new version):  p50 {Percentile(changed, 50):0.0} ms, p90 {Percentile(changed, 90):0.0} ms");
        Print($"    of which: to the figures read p50 {Percentile(phases.Select(p => p.Read).ToList(), 50):0.0} ms, then to the first write (decode, hash, render) {Percentile(phases.Select(p => p.Compute).ToList(), 50):0.0} ms, the writes {Percentile(phases.Select(p => p.Write).ToList(), 50):0.0} ms");
        Print($"  unchanged month (no version): p50 {Percentile(unchanged, 50):0.0} ms, p90 {Percentile(unchanged, 90):0.0} ms");
        Print($"  render alone (same data):     p50 {Percentile(render, 50):0.0} ms, p90 {Percentile(render, 90):0.0} ms  → changed/render {Percentile(changed, 50) / Percentile(render, 50):0.00}×");
        Print($"  data read alone:              p50 {Percentile(load, 50):0.0} ms (processor {Percentile(loadCpu, 50):0.0} ms); inputs hash alone p50 {Percentile(hashing, 50):0.0} ms");
        Print($"  processor time of this process, p50: changed {Percentile(changedCpu, 50):0.0} ms, unchanged {Percentile(unchangedCpu, 50):0.0} ms, render alone {Percentile(renderCpu, 50):0.0} ms");
        Print($"  allocated, p50: changed {Percentile(changedAlloc, 50):0.0} MiB, unchanged {Percentile(unchangedAlloc, 50):0.0} MiB, render alone {Percentile(renderAlloc, 50):0.0} MiB, data read {Percentile(loadAlloc, 50):0.0} MiB, hash {Percentile(hashAlloc, 50):0.0} MiB");

        await AmendAsync(rounds);
        foreach (var (name, expected) in new[] { ("changed", AssemblyStatus.Created), ("unchanged", AssemblyStatus.Unchanged) })
        {
            await TimedAsync(expected);
            var scope = lastRun!;
            var requests = scope.Requests;
            Print($"storage requests of one {name} run: {requests.Count}, {scope.SequentialSteps()} waited for one after another");
            foreach (var r in requests)
            {
                Print($"  {r.Started,6:0.0}–{r.Ended,6:0.0} ms  {r.Text}");
            }
        }
    }

    /// <summary>A new version's run in three: until the town's figures have arrived, the processor's part up to the first write, the writes.</summary>
    private static (double Read, double Compute, double Write) Phases(IReadOnlyList<RoundTrips.Request> requests, double total)
    {
        var read = requests.Where(r => r.Text.Contains("/submissions()", StringComparison.Ordinal)).Max(r => r.Ended);
        var firstWrite = requests.Where(r => r.Started > read).Min(r => r.Started);
        return (read, firstWrite - read, total - firstWrite);
    }

    private static void Print(string line) => Console.WriteLine(line);
}
