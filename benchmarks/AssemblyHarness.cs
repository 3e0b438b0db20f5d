using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using VillageReports.Catalog;
using VillageReports.Delivery;
using VillageReports.Local;
using VillageReports.Reports;
using VillageReports.Storage;
using VillageReports.Submissions;
using VillageReports.Targets;
using VillageReports.Units;

using static VillageReports.Benchmarks.Stats;

namespace VillageReports.Benchmarks;

/// <summary>
/// One warm town's monthly report end to end through <see cref="ReportAssembler"/> against its own Azurite (in memory).
/// Each round times, one after another so the machine's ups and downs fall on all three alike: a month whose data
/// changed (a new version), the same month unchanged, and rendering alone from the data read again just before (as a
/// run renders right after its read); a round's ratio is its new version over its render. Then the data read and the
/// inputs hash alone, and every storage request of one run of each kind, with how many were waited for one after another.
/// </summary>
public static class AssemblyHarness
{
    public static async Task RunAsync(int villages = 20, int rounds = 40)
    {
        // The rows a run reads were written days before it, where here they are seconds old: a report's read asks again
        // for the rows stamped within a margin before the storage's time at the last read (5 minutes, for the service's
        // clocks), here one second, so the seed is as old as a month's rows are (Azurite is one process with one clock).
        await using var harness = await HarnessApp.StartAsync(TimeSpan.FromSeconds(100), inMemory: true, services: storage => services =>
        {
            RoundTrips.Register(services, storage.ConnectionString);
            services.AddSingleton(new ReportRowsCache(overlap: TimeSpan.FromSeconds(1)));
        });
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

        var loader = app.Services.GetRequiredService<ReportDataLoader>();
        var renderer = app.Services.GetRequiredService<ReportRenderer>();
        var catalog = app.Services.GetRequiredService<ElementCatalog>();
        var deliveries = app.Services.GetRequiredService<DeliveryStore>();
        var town = (await app.Services.GetRequiredService<UnitStore>().FindTownAsync(UnitCode.Parse(townCode), default))!;
        Sample NewSample() => new(() => harness.Storage.ProcessorTime);
        var (changed, unchanged, render) = (NewSample(), NewSample(), NewSample());
        var (ratios, phases) = (new List<double>(), new List<(double Read, double Compute, double Write)>());
        var delivered = 0;
        RoundTrips.Scope? lastRun = null;

        async Task<double> AssembleAsync(AssemblyStatus expected, Sample sample)
        {
            // The runner delivers the version made before: wait for it, so a run is timed alone and not beside a delivery.
            await WaitForDeliveryAsync();
            var scope = lastRun = RoundTrips.Begin();
            var (ms, outcome) = await sample.TimeAsync(() => assembler.AssembleAsync(job, default));
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
            var patience = Stopwatch.StartNew();
            while (delivered > 0 && !(await deliveries.ListAsync(town.Code, default)).Any(d => d.Version == delivered && d.Status == DeliveryStore.Delivered))
            {
                if (patience.Elapsed > TimeSpan.FromSeconds(30))
                {
                    throw new InvalidOperationException($"Version {delivered} was not delivered within 30 s.");
                }

                await Task.Delay(20);
            }
        }

        async Task<double> RenderAsync()
        {
            var data = await loader.LoadAsync(town, new Period(last.Year - 1, 1), last, last.Year, default);
            var (ms, _) = await render.TimeAsync(() => Task.FromResult(renderer.Render(ReportPeriod.Month(last), new Aggregator(catalog, data), DateTimeOffset.UtcNow)));
            return ms;
        }

        // Five rounds to warm every path, then the timed rounds.
        for (var round = -5; round < rounds; round++)
        {
            if (round == 0)
            {
                (changed, unchanged, render) = (NewSample(), NewSample(), NewSample());
                phases.Clear();
            }

            await AmendAsync(round);
            var made = await AssembleAsync(AssemblyStatus.Created, changed);
            await AssembleAsync(AssemblyStatus.Unchanged, unchanged);
            var rendered = await RenderAsync();
            if (round >= 0)
            {
                ratios.Add(made / rendered);
            }
        }

        // Rendering back to back, as a loop of renders does (caches warm, no storage in between).
        var backToBack = NewSample();
        var data = await loader.LoadAsync(town, new Period(last.Year - 1, 1), last, last.Year, default);
        for (var i = -5; i < rounds; i++)
        {
            await backToBack.TimeAsync(() => Task.FromResult(renderer.Render(ReportPeriod.Month(last), new Aggregator(catalog, data), DateTimeOffset.UtcNow)), record: i >= 0);
        }

        // The other parts alone: reading the data (storage and decoding; the rows kept from the read before, as a run
        // reads them, and from nothing, as an instance's first run does) and the inputs hash.
        var (load, coldLoad, hashing) = (NewSample(), NewSample(), NewSample());
        ReportDataLoader ColdLoader(ReportRowsCache rows) => new(
            new SubmissionStore(app.Services.GetRequiredService<StorageResources>(), app.Services.GetRequiredService<StorageNames>(), rows),
            app.Services.GetRequiredService<TargetStore>());
        for (var i = -5; i < rounds; i++)
        {
            var (_, loaded) = await load.TimeAsync(() => loader.LoadAsync(town, new Period(last.Year - 1, 1), last, last.Year, default), record: i >= 0);
            await coldLoad.TimeAsync(() => ColdLoader(new ReportRowsCache()).LoadAsync(town, new Period(last.Year - 1, 1), last, last.Year, default), record: i >= 0);
            await hashing.TimeAsync(() => Task.FromResult(InputsHash.Compute(ReportPeriod.Month(last), catalog, loaded, 5)), record: i >= 0);
        }

        // What keeping a town's rows costs in memory: twenty copies, for a figure above the heap's own ups and downs.
        var copies = Enumerable.Range(0, 20).Select(_ => new ReportRowsCache()).ToList();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        foreach (var copy in copies)
        {
            await ColdLoader(copy).LoadAsync(town, new Period(last.Year - 1, 1), last, last.Year, default);
        }

        var keptBytes = (GC.GetTotalMemory(forceFullCollection: true) - before) / (double)copies.Count;
        var keptRows = copies[0].Find(town.Code, new Period(last.Year - 1, 1), last)!.Count;
        GC.KeepAlive(copies);

        Print($"one town ({villages} villages + office, {months.Count} months seeded) through ReportAssembler, {rounds} rounds, warm:");
        Print($"  changed month (new version):  {changed}");
        Print($"    of which: to the figures read p50 {Percentile(phases.Select(p => p.Read), 50):0.0} ms, then to the first write (decode, hash, render) {Percentile(phases.Select(p => p.Compute), 50):0.0} ms, the writes {Percentile(phases.Select(p => p.Write), 50):0.0} ms");
        Print($"  unchanged month (no version): {unchanged}");
        Print($"  render alone after a read:    {render}");
        Print($"  new version ÷ render, the median of the rounds' ratios: {Median(ratios):0.00}× (p25 {Percentile(ratios, 25):0.00}×, p75 {Percentile(ratios, 75):0.00}×)");
        Print($"  render alone back to back:    {backToBack}");
        Print($"  data read alone, rows kept:   {load}");
        Print($"  data read alone, nothing kept: {coldLoad}");
        Print(string.Create(CultureInfo.InvariantCulture, $"  a town's rows kept: {keptRows} rows in {keptBytes / 1024.0:0} KiB ({keptBytes / keptRows:0} bytes a row)"));
        Print($"  inputs hash alone:            {hashing}");

        await AmendAsync(rounds);
        foreach (var (name, expected) in new[] { ("changed", AssemblyStatus.Created), ("unchanged", AssemblyStatus.Unchanged) })
        {
            await AssembleAsync(expected, NewSample());
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

    /// <summary>
    /// Timings of one kind: wall time, this process's processor time and the storage's (Azurite answers one request at a
    /// time, so its processor time is a floor under a run that waits for each answer), bytes allocated and collections,
    /// each p50 (collections on average).
    /// </summary>
    private sealed class Sample(Func<TimeSpan> storageProcessorTime)
    {
        private readonly List<double> _ms = [], _cpu = [], _storage = [], _mib = [], _paused = [];
        private readonly int[] _collections = new int[3];

        public async Task<(double Ms, T Result)> TimeAsync<T>(Func<Task<T>> work, bool record = true)
        {
            var cpu = Environment.CpuUsage.TotalTime;
            var storage = storageProcessorTime();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var collections = Enumerable.Range(0, 3).Select(GC.CollectionCount).ToArray();
            var paused = GC.GetTotalPauseDuration();
            var watch = Stopwatch.StartNew();
            var result = await work();
            var ms = watch.Elapsed.TotalMilliseconds;
            if (record)
            {
                _ms.Add(ms);
                _cpu.Add((Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds);
                _storage.Add((storageProcessorTime() - storage).TotalMilliseconds);
                _mib.Add((GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0);
                _paused.Add((GC.GetTotalPauseDuration() - paused).TotalMilliseconds);
                for (var g = 0; g < 3; g++)
                {
                    _collections[g] += GC.CollectionCount(g) - collections[g];
                }
            }

            return (ms, result);
        }

        public override string ToString() =>
            string.Create(CultureInfo.InvariantCulture, $"p50 {Percentile(_ms, 50):0.0} ms, p90 {Percentile(_ms, 90):0.0} ms; processor {Percentile(_cpu, 50):0.0} ms (storage's {_storage.Average():0.0} ms on average: counted in 10 ms ticks), {Percentile(_mib, 50):0.0} MiB, paused for collections {_paused.Average():0.0} ms on average, collections gen0/1/2 {string.Join('/', _collections.Select(c => (c / (double)_ms.Count).ToString("0.00", CultureInfo.InvariantCulture)))} a run");
    }
}
