using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VillageReports.Catalog;
using VillageReports.Submissions;
using VillageReports.Units;

namespace VillageReports.Reports;

/// <summary>The <c>VillageReports:WarmUp</c> settings.</summary>
public sealed class ReportWarmUpOptions
{
    public const string Section = "VillageReports:WarmUp";

    /// <summary>
    /// Renders one report in the background when the host starts. Off, the first real report pays the cold cost, and
    /// an instance that only ever answers HTTP does not hold the fonts (~50 MB) in memory.
    /// </summary>
    public bool Enabled { get; set; } = true;
}

public enum WarmUpOutcome { Rendered, Off, Failed, Stopped }

/// <summary>
/// A new instance's first report pays for reading and parsing the four CJK faces (~50 MB of TTF) and for compiling
/// the whole rendering path: ~0.35 s against ~0.02 s warm. Once the host has started, this renders the monthly
/// report of a small made-up town on a pool thread and throws the bytes away, so the first real job finds fonts and
/// code ready. It never delays start-up, and a failure is logged, never fatal: the first real report then pays as before.
/// </summary>
public sealed partial class ReportWarmUp(
    IServiceProvider services,
    IOptions<ReportWarmUpOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<ReportWarmUp> logger) : IHostedService, IDisposable
{
    private readonly TaskCompletionSource<WarmUpOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private CancellationTokenRegistration _started;

    /// <summary>What the warm-up did, once it is done.</summary>
    public Task<WarmUpOutcome> Completion => _outcome.Task;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            LogOff(logger);
            _outcome.TrySetResult(WarmUpOutcome.Off);
            return Task.CompletedTask;
        }

        // After every hosted service has started (the worker's gRPC channel, Kestrel), so start-up is not slowed.
        _started = lifetime.ApplicationStarted.Register(() => _ = Task.Run(Run, CancellationToken.None));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        _outcome.TrySetResult(WarmUpOutcome.Stopped);
    }

    public void Dispose()
    {
        _started.Dispose();
        _stopping.Dispose();
    }

    private void Run()
    {
        if (_stopping.IsCancellationRequested)
        {
            _outcome.TrySetResult(WarmUpOutcome.Stopped);
            return;
        }

        try
        {
            var watch = Stopwatch.StartNew();
            // Resolved here, on the pool thread: building the catalog and renderer is itself part of the cold cost.
            var bytes = RenderSample(services.GetRequiredService<ReportRenderer>(), services.GetRequiredService<ElementCatalog>());
            LogRendered(logger, watch.Elapsed.TotalMilliseconds, bytes);
            _outcome.TrySetResult(WarmUpOutcome.Rendered);
        }
#pragma warning disable CA1031 // Any failure here only means the first real report is slow; it must not stop the host.
        catch (Exception e)
#pragma warning restore CA1031
        {
            if (_stopping.IsCancellationRequested)
            {
                // The host stopped under the render (its services are being disposed): nothing went wrong.
                _outcome.TrySetResult(WarmUpOutcome.Stopped);
                return;
            }

            LogFailed(logger, e);
            _outcome.TrySetResult(WarmUpOutcome.Failed);
        }
    }

    /// <summary>Renders the made-up town's monthly report (every section, the villages' table, the charts, a missing village); returns the PDF's size.</summary>
    public static int RenderSample(ReportRenderer renderer, ElementCatalog catalog)
    {
        var (pdf, _) = renderer.Render(ReportPeriod.Month(SampleMonth), SampleTown(catalog), SampleGeneratedAt);
        return pdf.Length;
    }

    private static readonly Period SampleMonth = new(2000, 12);
    private static readonly DateTimeOffset SampleGeneratedAt = new(2001, 1, 6, 2, 0, 0, TimeSpan.FromHours(8));

    /// <summary>A town of three villages with thirteen months of every element, so the report has last year's month to compare with.</summary>
    private static Aggregator SampleTown(ElementCatalog catalog)
    {
        var code = UnitCode.Parse("999999001000");
        string[] names = ["东村", "西村", "南村"];
        var villages = names.Select((name, i) => new Village(UnitCode.Parse($"999999001{201 + i}"), name)).ToList();
        var town = new Town(code, "示例镇", code.County, villages);
        var current = new Dictionary<(UnitCode, Period), Submission>();
        var months = SampleMonth.SameMonthLastYear.Through(SampleMonth).ToList();
        foreach (var (unit, u) in town.ExpectedUnits.Select((unit, u) => (unit, u)))
        {
            foreach (var (period, m) in months.Select((period, m) => (period, m)))
            {
                if (unit.Code == villages[^1].Code && period == SampleMonth)
                {
                    continue;
                }

                var values = catalog.Elements.Where(e => e.ReportedBy == unit.Level).ToDictionary(e => e.Code, _ => (decimal)(10 + u + m));
                current[(unit.Code, period)] = new Submission(unit.Code, period, 1, values, null, null, SampleGeneratedAt, unit.Code.Value, false, []);
            }
        }

        var targets = new Dictionary<string, decimal> { [catalog.Elements[0].Code] = 1000 };
        return new Aggregator(catalog, new ReportData(town, current, targets, []));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Report warm-up rendered a sample report in {Milliseconds:0} ms ({Bytes} bytes, discarded)")]
    private static partial void LogRendered(ILogger logger, double milliseconds, int bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Report warm-up is switched off (VillageReports:WarmUp:Enabled)")]
    private static partial void LogOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report warm-up failed; the first report will take the cold path")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
