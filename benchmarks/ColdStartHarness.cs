using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VillageReports.Reports;

namespace VillageReports.Benchmarks;

/// <summary>
/// What a scaled-out instance's first report job costs: fresh processes, each building the app's services as the
/// host does (AddVillageReports, so the warm-up runs exactly as registered there), starting them, then rendering the
/// demo town's monthly report when the "job" arrives. Timed from the parent's Process.Start (the monotonic clock is
/// shared by the two processes), with and without the warm-up, the job arriving at once or later (1.5 s after start unless told), and
/// the same for a ReadyToRun publish of this harness when one exists at <see cref="ReadyToRunDirectory"/>.
/// </summary>
public static class ColdStartHarness
{
    public const string ReadyToRunDirectory = "out/coldstart-r2r";
    private const string ChildFlag = "--child";

    private sealed record Scenario(bool WarmUp, int JobAtMs)
    {
        public string WarmUpText => WarmUp ? "on" : "off";
        public string JobText => JobAtMs == 0 ? "at once" : $"at +{JobAtMs / 1000.0:0.0} s";
    }

    private sealed record Build(string Name, string Executable);

    private sealed record Run(double HostStartedMs, double WarmUpDoneMs, double JobMs, double ReportDoneMs);

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.FirstOrDefault() == ChildFlag)
        {
            return await ChildAsync(bool.Parse(args[1]), int.Parse(args[2], CultureInfo.InvariantCulture), long.Parse(args[3], CultureInfo.InvariantCulture));
        }

        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var laterMs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1500;
        List<Build> builds = [new("JIT", Environment.ProcessPath!)];
        var readyToRun = Path.GetFullPath(Path.Combine(ReadyToRunDirectory, "VillageReports.Benchmarks"));
        if (File.Exists(readyToRun))
        {
            builds.Add(new("R2R", readyToRun));
        }
        else
        {
            Console.WriteLine($"No ReadyToRun build at {ReadyToRunDirectory}; for one: dotnet publish benchmarks -c Release -r linux-x64 -p:PublishReadyToRun=true -o {ReadyToRunDirectory}");
        }

        Scenario[] scenarios = [new(false, 0), new(true, 0), new(false, laterMs), new(true, laterMs)];
        var results = builds.SelectMany(b => scenarios.Select(s => (Build: b, Scenario: s))).ToDictionary(c => c, _ => new List<Run>());
        var tieredPgo = Environment.GetEnvironmentVariable("DOTNET_TieredPGO");
        Console.WriteLine($"{runs} fresh processes per row, rows interleaved; DOTNET_TieredPGO={tieredPgo ?? "(default)"}; the job: the demo town's monthly report (12 villages + town, 22 months)");

        // Once untimed, so the first timed row does not pay for the OS reading the binaries and fonts from disk.
        foreach (var build in builds)
        {
            await ChildRunAsync(build, scenarios[0]);
        }

        for (var i = 0; i < runs; i++)
        {
            foreach (var configuration in results.Keys)
            {
                results[configuration].Add(await ChildRunAsync(configuration.Build, configuration.Scenario));
            }
        }

        Console.WriteLine();
        Console.WriteLine($"{"build",-5} {"warm-up",-7} {"job arrives",-12} {"host started ms",-22} {"warm-up done ms",-22} {"job ms (first report)",-22} {"start → report done ms",-22}");
        foreach (var ((build, scenario), list) in results)
        {
            Console.WriteLine($"{build.Name,-5} {scenario.WarmUpText,-7} {scenario.JobText,-12} {Stats(list.Select(r => r.HostStartedMs)),-22} {Stats(list.Select(r => r.WarmUpDoneMs)),-22} {Stats(list.Select(r => r.JobMs)),-22} {Stats(list.Select(r => r.ReportDoneMs)),-22}");
        }

        Console.WriteLine("Each cell: p50 (min–max). \"job ms\" is from the job's arrival to the report's bytes: what the first real job pays.");
        return 0;
    }

    private static async Task<Run> ChildRunAsync(Build build, Scenario scenario)
    {
        var start = new ProcessStartInfo(build.Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var spawnedAt = Stopwatch.GetTimestamp();
        foreach (var arg in new[] { "coldstart", ChildFlag, scenario.WarmUp.ToString(), scenario.JobAtMs.ToString(CultureInfo.InvariantCulture), spawnedAt.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("coldstart ", StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"{build.Name} child failed ({process.ExitCode}): {output}{errors}");
        }

        var figures = line.Split(' ').Skip(1).Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return new Run(figures[0], figures[1], figures[2], figures[3]);
    }

    /// <summary>The child: the app's services in a generic host (as the Functions worker builds them), started, then one report when the job arrives.</summary>
    private static async Task<int> ChildAsync(bool warmUp, int jobAtMs, long spawnedAt)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage"] = "UseDevelopmentStorage=true",
            [$"{ReportWarmUpOptions.Section}:{nameof(ReportWarmUpOptions.Enabled)}"] = warmUp.ToString(),
        });
        builder.Services.AddVillageReports(builder.Configuration);
        using var host = builder.Build();
        await host.StartAsync();
        var hostStarted = Stopwatch.GetElapsedTime(spawnedAt);
        var warmUpDone = host.Services.GetRequiredService<ReportWarmUp>().Completion
            .ContinueWith(t => t.Result == WarmUpOutcome.Rendered ? Stopwatch.GetElapsedTime(spawnedAt).TotalMilliseconds : double.NaN, TaskScheduler.Default);

        // The loader's part (storage reads) is not what the warm-up is for: the figures are ready when the job arrives.
        var figures = DemoData.Town();
        var wait = TimeSpan.FromMilliseconds(jobAtMs) - Stopwatch.GetElapsedTime(spawnedAt);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        var jobArrived = Stopwatch.GetTimestamp();
        var renderer = host.Services.GetRequiredService<ReportRenderer>();
        var (pdf, _) = renderer.Render(ReportPeriod.Month(DemoData.Period), figures, DemoData.GeneratedAt);
        var job = Stopwatch.GetElapsedTime(jobArrived);
        var done = Stopwatch.GetElapsedTime(spawnedAt);
        var warmedAt = warmUp ? await warmUpDone : double.NaN;
        if (pdf.Length == 0)
        {
            return 1;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"coldstart {hostStarted.TotalMilliseconds:0.0} {warmedAt:0.0} {job.TotalMilliseconds:0.0} {done.TotalMilliseconds:0.0}"));
        await host.StopAsync();
        return 0;
    }

    private static string Stats(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToList();
        if (sorted.Count == 0)
        {
            return "-";
        }

        var p50 = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        return string.Create(CultureInfo.InvariantCulture, $"{p50:0} ({sorted[0]:0}–{sorted[^1]:0})");
    }
}
