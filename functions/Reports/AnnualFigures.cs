using VillageReports.Catalog;
using VillageReports.Submissions;

namespace VillageReports.Reports;

public sealed record AnnualElementRow(
    string Code, string Name, string Unit, ElementKind Kind, int Decimals,
    decimal? Year, decimal? LastYear, Change Change, decimal? Target, decimal? TargetPercent, int UnitsReporting, int Expected);

public sealed record AnnualIndicatorRow(string Code, string Name, string Unit, decimal? Numerator, decimal? Denominator, decimal? Value, decimal? LastYear);

public sealed record AnnualSection(string Code, string Name, IReadOnlyList<AnnualElementRow> Elements, IReadOnlyList<AnnualIndicatorRow> Indicators);

/// <summary>
/// A unit's year: months reported on time, late, and the months it did not report (未报送). Months before the town's
/// data begins are in none of these: nobody failed to report them.
/// </summary>
public sealed record UnitYear(string Code, string Name, int OnTime, int Late, IReadOnlyList<int> MissingMonths);

/// <summary>
/// Every figure an annual report shows, exactly as shown; also written beside the PDF as JSON.
/// <see cref="DataSince"/> is the first month the town reported anything ("2025-07", null when nothing): last year is
/// comparable only when the town reported from its January, or never reported at all (<see cref="LastYearHasData"/>); otherwise every row's
/// <c>LastYear</c> is null with <see cref="ChangeMark.NoData"/>, which reads — / 上年无可比数据, not 未报送.
/// </summary>
public sealed record AnnualReport(
    string Town, string TownName, string County, int Year, DateTimeOffset GeneratedAt,
    IReadOnlyList<string> Narrative, IReadOnlyList<AnnualSection> Sections, IReadOnlyList<UnitYear> Completeness,
    IReadOnlyList<ChartFigures> Trends, ChartFigures VillageChart, string? DataSince = null)
{
    public bool LastYearHasData => AnnualFigures.YearHasData(DataSince, Year - 1);

    /// <summary>
    /// The months of the year before the town's data begins (1..6 when it started in July). A town that never reported
    /// has none: its units are expected and 未报送.
    /// </summary>
    public IReadOnlyList<int> MonthsWithoutData =>
        Enumerable.Range(1, 12).Where(m => DataSince is not null && string.CompareOrdinal(new Period(Year, m).ToString(), DataSince) < 0).ToList();
}

/// <summary>
/// A town's year: flows summed over the months, stocks at each unit's last reported month, indicators recomputed
/// from the year's numerators and denominators, targets and the year's completeness. Pure.
/// </summary>
public static class AnnualFigures
{
    /// <summary>Elements drawn as 12-month lines (this year against last), when the catalog has them.</summary>
    public static readonly IReadOnlyList<string> TrendElements = ["finance.tax_revenue", "investment.domestic", "poverty.households_lifted", "heating.heaters"];

    public static decimal? Year(Aggregator figures, string code, int year) => figures.Span(code, new Period(year, 1), new Period(year, 12));

    /// <summary>A year has data to compare with only when the town reported from its January: a part year is not comparable.</summary>
    public static bool YearHasData(string? dataSince, int year) =>
        dataSince is null || string.CompareOrdinal(dataSince, new Period(year, 1).ToString()) <= 0;

    /// <summary>Last year's figure, or null when last year is not comparable (before or partly before the town's data).</summary>
    public static decimal? LastYear(Aggregator figures, string code, int year) =>
        YearHasData(MonthlyFigures.FirstReported(figures.Data)?.ToString(), year - 1) ? Year(figures, code, year - 1) : null;

    /// <summary>This year against last, with <see cref="ChangeMark.NoData"/> when last year is not comparable.</summary>
    public static Change ChangeOnLastYear(Aggregator figures, string code, int year) =>
        YearHasData(MonthlyFigures.FirstReported(figures.Data)?.ToString(), year - 1)
            ? Change.Between(Year(figures, code, year), Year(figures, code, year - 1))
            : Change.NoData;

    public static AnnualReport Compute(Aggregator figures, int year, DateTimeOffset generatedAt, IReadOnlyList<string> narrative)
    {
        var catalog = figures.Catalog;
        var data = figures.Data;
        var since = MonthlyFigures.FirstReported(data);
        var lastYearHasData = YearHasData(since?.ToString(), year - 1);
        var sections = catalog.Sections.Select(s => new AnnualSection(s.Code, s.Name,
            catalog.InSection(s.Code).Select(e => Row(figures, e, year)).ToList(),
            catalog.Indicators.Where(i => i.Section == s.Code).Select(i => new AnnualIndicatorRow(i.Code, i.Name, i.Unit,
                Year(figures, i.Numerator, year), Year(figures, i.Denominator, year),
                Aggregator.Ratio(i, Year(figures, i.Numerator, year), Year(figures, i.Denominator, year)),
                lastYearHasData ? Aggregator.Ratio(i, Year(figures, i.Numerator, year - 1), Year(figures, i.Denominator, year - 1)) : null)).ToList()))
            .ToList();

        var completeness = data.Units.Select(u =>
        {
            var months = Enumerable.Range(1, 12).Select(m => data.Find(u.Code, new Period(year, m))).ToList();
            return new UnitYear(u.Code.Value, u.Name, months.Count(s => s is { Late: false }), months.Count(s => s is { Late: true }),
                months.Select((s, i) => (s, Month: i + 1)).Where(x => x.s is null && !(new Period(year, x.Month) < since)).Select(x => x.Month).ToList());
        }).ToList();

        var months = new Period(year, 1).Through(new Period(year, 12)).ToList();
        var trends = TrendElements.Select(catalog.Find).OfType<DataElement>().Select(e => new ChartFigures(e.Code, $"{e.Name}月度走势", e.Unit,
            months.Select(m => $"{m.Month}月").ToList(),
            [
                new SeriesFigures($"{year}年", months.Select(m => figures.Month(e.Code, m)).ToList()),
                new SeriesFigures($"{year - 1}年", months.Select(m => figures.Month(e.Code, m.SameMonthLastYear)).ToList()),
            ])).ToList();

        var barElement = catalog.Find(MonthlyFigures.VillageChartElement) ?? catalog.Elements.First(e => e.ReportedBy == UnitLevel.Village);
        var villages = data.Units.Where(u => u.Level == UnitLevel.Village).ToList();
        var bar = new ChartFigures(barElement.Code, $"各村{barElement.Name}（{year}年）", barElement.Unit, villages.Select(v => v.Name).ToList(),
            [new SeriesFigures(barElement.Name, villages.Select(v => figures.UnitSpan(v.Code, barElement.Code, new Period(year, 1), new Period(year, 12))).ToList())]);

        return new AnnualReport(data.Town.Code.Value, data.Town.Name, data.Town.County.Value, year, generatedAt, narrative, sections, completeness, trends, bar, since?.ToString());
    }

    private static AnnualElementRow Row(Aggregator figures, DataElement e, int year)
    {
        var value = Year(figures, e.Code, year);
        var last = LastYear(figures, e.Code, year);
        decimal? target = figures.Data.Targets.TryGetValue(e.Code, out var t) ? t : null;
        var reporting = figures.UnitsFor(e).Count(u => figures.UnitSpan(u.Code, e.Code, new Period(year, 1), new Period(year, 12)) is not null);
        return new AnnualElementRow(e.Code, e.Name, e.Unit, e.Kind, e.ShownDecimals, value, last, ChangeOnLastYear(figures, e.Code, year), target,
            Aggregator.PercentOf(value, target), reporting, figures.UnitsFor(e).Count());
    }
}
