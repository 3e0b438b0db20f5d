using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using VillageReports.Catalog;
using VillageReports.Local;
using VillageReports.Reports;
using VillageReports.Submissions;
using VillageReports.Units;

namespace VillageReports.Benchmarks;

/// <summary>One town's monthly report (12 villages and the town office × every element, 14 months of data): aggregate, lay out, render.</summary>
[MemoryDiagnoser]
public class MonthlyReportWarm
{
    private readonly ReportRenderer _renderer = new(new AnnualNarrative());
    private Aggregator _figures = null!;

    [GlobalSetup]
    public void Setup()
    {
        _figures = DemoData.Town();
        _renderer.Render(ReportPeriod.Month(DemoData.Period), _figures, DemoData.GeneratedAt);
    }

    [Benchmark]
    public (byte[], byte[]) AssembleOneTown() => _renderer.Render(ReportPeriod.Month(DemoData.Period), _figures, DemoData.GeneratedAt);

    [Benchmark]
    public (byte[], byte[]) AssembleAnnualReport() => _renderer.Render(ReportPeriod.OfYear(2025), _figures, DemoData.GeneratedAt);
}

/// <summary>The same in a fresh process: fonts read and parsed, code jitted, caches empty.</summary>
[SimpleJob(RunStrategy.ColdStart, launchCount: 5, warmupCount: 0, iterationCount: 1)]
public class MonthlyReportCold
{
    [Benchmark]
    public (byte[], byte[]) AssembleOneTown() => new ReportRenderer(new AnnualNarrative()).Render(ReportPeriod.Month(DemoData.Period), DemoData.Town(), DemoData.GeneratedAt);
}

/// <summary>The demo town's figures in memory, as the loader would return them.</summary>
public static class DemoData
{
    public static readonly Period Period = new(2026, 10);
    public static readonly DateTimeOffset GeneratedAt = new(2026, 11, 6, 2, 0, 0, TimeSpan.FromHours(8));

    public static Aggregator Town(string townCode = DemoTown.Town, int villages = 12)
    {
        var catalog = ElementCatalog.LoadEmbedded();
        var code = UnitCode.Parse(townCode);
        var town = new Town(code, DemoTown.TownName, code.County,
            Enumerable.Range(1, villages).Select(i => new Village(UnitCode.Parse(townCode[..9] + (200 + i).ToString("D3", System.Globalization.CultureInfo.InvariantCulture)), DemoTown.Villages[(i - 1) % DemoTown.Villages.Count].Name)).ToList());
        var current = new Dictionary<(UnitCode, Period), Submission>();
        foreach (var unit in town.ExpectedUnits)
        {
            for (var p = new Period(2025, 1); p <= Period; p = p.Next)
            {
                current[(unit.Code, p)] = new Submission(unit.Code, p, 1, DemoTown.Figures(catalog, unit.Code.Value, unit.Level, p), null, null, GeneratedAt, unit.Code.Value, false, []);
            }
        }

        return new Aggregator(catalog, new ReportData(town, current, new Dictionary<string, decimal> { ["finance.tax_revenue"] = 5000 }, []));
    }
}

/// <summary>
/// What a report's run does on the processor besides rendering, for a town of 20 villages and 22 months: decode the
/// stored figures of every row and hash the inputs.
/// </summary>
[MemoryDiagnoser]
public class AssemblyProcessorPart
{
    private readonly ElementCatalog _catalog = ElementCatalog.LoadEmbedded();
    private ReportData _data = null!;
    private string[] _stored = [];

    [GlobalSetup]
    public void Setup()
    {
        _data = DemoData.Town(villages: 20).Data;
        _stored = [.. _data.Current.Values.Select(s => Storage.FigureCodec.Encode(s.Values))];
    }

    [Benchmark]
    public int DecodeTownRows()
    {
        var figures = 0;
        foreach (var row in _stored)
        {
            figures += Storage.FigureCodec.Decode(row).Count;
        }

        return figures;
    }

    [Benchmark]
    public string HashInputs() => InputsHash.Compute(ReportPeriod.Month(DemoData.Period), _catalog, _data, 5);
}
