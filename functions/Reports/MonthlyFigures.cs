using VillageReports.Catalog;
using VillageReports.Submissions;

namespace VillageReports.Reports;

public sealed record ElementRow(
    string Code, string Name, string Unit, ElementKind Kind, int Decimals,
    decimal? ThisMonth, decimal? LastMonth, Change MonthOnMonth, decimal? SameMonthLastYear, Change YearOnYear,
    decimal? YearToDate, decimal? Target, decimal? TargetPercent, int Reporting, int Expected);

public sealed record IndicatorRow(string Code, string Name, string Unit, decimal? Numerator, decimal? Denominator, decimal? Value, decimal? LastMonth, decimal? YearToDate);

public sealed record SectionFigures(string Code, string Name, IReadOnlyList<ElementRow> Elements, IReadOnlyList<IndicatorRow> Indicators);

public sealed record UnitState(string Code, string Name, string Status, int? Revision, DateTimeOffset? SubmittedAt);

public sealed record CompletenessFigures(int Expected, int OnTime, int Late, int Missing, IReadOnlyList<UnitState> Units, IReadOnlyList<string> ElementsNotReported);

public sealed record ColumnHead(string Code, string Name, string Unit, int Decimals);

public sealed record VillageRow(string Code, string Name, IReadOnlyList<decimal?> Values);

public sealed record VillageTable(IReadOnlyList<ColumnHead> Columns, IReadOnlyList<VillageRow> Rows);

public sealed record SeriesFigures(string Name, IReadOnlyList<decimal?> Values);

public sealed record ChartFigures(string Code, string Title, string Unit, IReadOnlyList<string> Labels, IReadOnlyList<SeriesFigures> Series);

public sealed record WarningRow(string Unit, string UnitName, string Element, string ElementName, decimal Value, decimal Previous, string Message);

public sealed record AmendmentRow(string Unit, string UnitName, string Period, int Revision, DateTimeOffset At, string Reason);

/// <summary>
/// Every figure a monthly report shows, exactly as shown; also written beside the PDF as JSON. <see cref="DataSince"/>
/// is the first month the town reported anything ("2025-07"; null when nothing yet): a month before it has no data
/// (— / 无数据), which is not 未报送. <see cref="ElementRow.Decimals"/> is the precision to show, not the one posted.
/// </summary>
public sealed record MonthlyReport(
    string Town, string TownName, string County, string Period, DateTimeOffset GeneratedAt, DateTimeOffset? DataAsOf,
    CompletenessFigures Completeness, IReadOnlyList<SectionFigures> Sections, IReadOnlyList<VillageTable> VillageTables,
    ChartFigures VillageChart, ChartFigures TrendChart, IReadOnlyList<WarningRow> Warnings, IReadOnlyList<AmendmentRow> Amendments,
    string? DataSince = null)
{
    /// <summary>
    /// Whether a month has data at all: false before the town's first report, where a cell reads — and not 未报送.
    /// A town that never reported has no such months: its units are expected, and 未报送.
    /// </summary>
    public bool HasData(string period) => DataSince is not { } since || string.CompareOrdinal(period, since) >= 0;

    /// <summary>Whether last month and the same month last year have data (the columns 上月 and 去年同月).</summary>
    public bool LastMonthHasData => HasData(Common.Period.Parse(Period).Previous.ToString());

    public bool SameMonthLastYearHasData => HasData(Common.Period.Parse(Period).SameMonthLastYear.ToString());
}

/// <summary>Computes a town's monthly report from its data. Pure: no storage, no clock but the one given.</summary>
public static class MonthlyFigures
{
    /// <summary>At most this many element columns to a per-village table, so figures stay legible.</summary>
    public const int VillageTableColumns = 6;

    /// <summary>The per-village bar chart and the 12-month trend show these elements when the catalog has them.</summary>
    public const string VillageChartElement = "collective.income";
    public const string TrendChartElement = "finance.tax_revenue";

    /// <summary>The first month any unit of the town reported, among the months loaded; null when none did.</summary>
    public static Period? FirstReported(ReportData data) =>
        data.Current.Count == 0 ? null : data.Current.Keys.Min(k => k.Period);

    public static MonthlyReport Compute(Aggregator figures, Period period, DateTimeOffset generatedAt)
    {
        var catalog = figures.Catalog;
        var data = figures.Data;
        var since = FirstReported(data);
        var names = data.Units.ToDictionary(u => u.Code.Value, u => u.Name, StringComparer.Ordinal);

        var sections = catalog.Sections.Select(section => new SectionFigures(
            section.Code,
            section.Name,
            catalog.InSection(section.Code).Select(e => Row(figures, e, period, since)).ToList(),
            catalog.Indicators.Where(i => i.Section == section.Code).Select(i => Indicator(figures, i, period)).ToList()))
            .ToList();

        var currents = data.Units.Select(u => (Unit: u, Submission: data.Find(u.Code, period))).ToList();
        var states = currents.Select(c => new UnitState(c.Unit.Code.Value, c.Unit.Name,
            c.Submission is null ? "missing" : c.Submission.Late ? "late" : "onTime", c.Submission?.Revision, c.Submission?.SubmittedAt)).ToList();
        var completeness = new CompletenessFigures(states.Count, states.Count(s => s.Status == "onTime"), states.Count(s => s.Status == "late"), states.Count(s => s.Status == "missing"),
            states, catalog.Elements.Where(e => figures.Month(e.Code, period) is null).Select(e => e.Code).ToList());

        var warnings = currents.Where(c => c.Submission is not null)
            .SelectMany(c => c.Submission!.Warnings.Select(w => new WarningRow(c.Unit.Code.Value, c.Unit.Name, w.Element, catalog.Find(w.Element)?.Name ?? w.Element, w.Value, w.Previous, w.Message)))
            .ToList();
        var amendments = data.Amendments.Where(a => a.Period == period)
            .OrderBy(a => a.SubmittedAt)
            .Select(a => new AmendmentRow(a.Unit.Value, names.GetValueOrDefault(a.Unit.Value, a.Unit.Value), a.Period.ToString(), a.Revision, a.SubmittedAt, a.Reason ?? ""))
            .ToList();

        return new MonthlyReport(
            data.Town.Code.Value, data.Town.Name, data.Town.County.Value, period.ToString(), generatedAt,
            currents.Where(c => c.Submission is not null).Select(c => (DateTimeOffset?)c.Submission!.SubmittedAt).Max(),
            completeness, sections, VillageTables(figures, period), VillageChart(figures, period), TrendChart(figures, period), warnings, amendments,
            since?.ToString());
    }

    private static ElementRow Row(Aggregator figures, DataElement e, Period period, Period? since)
    {
        var thisMonth = figures.Month(e.Code, period);
        var lastMonth = figures.Month(e.Code, period.Previous);
        var lastYear = figures.Month(e.Code, period.SameMonthLastYear);
        var ytd = figures.Span(e.Code, period.FirstOfYear, period);
        decimal? target = figures.Data.Targets.TryGetValue(e.Code, out var t) ? t : null;
        Change Against(decimal? value, Period basePeriod) => !(basePeriod < since) ? Change.Between(thisMonth, value) : Change.NoData;
        return new ElementRow(e.Code, e.Name, e.Unit, e.Kind, e.ShownDecimals, thisMonth, lastMonth, Against(lastMonth, period.Previous),
            lastYear, Against(lastYear, period.SameMonthLastYear), ytd, target, Aggregator.PercentOf(ytd, target),
            figures.Reporting(e.Code, period), figures.UnitsFor(e).Count());
    }

    private static IndicatorRow Indicator(Aggregator figures, Indicator i, Period period)
    {
        var numerator = figures.Month(i.Numerator, period);
        var denominator = figures.Month(i.Denominator, period);
        var first = period.FirstOfYear;
        return new IndicatorRow(i.Code, i.Name, i.Unit, numerator, denominator,
            Aggregator.Ratio(i, numerator, denominator),
            Aggregator.Ratio(i, figures.Month(i.Numerator, period.Previous), figures.Month(i.Denominator, period.Previous)),
            Aggregator.Ratio(i, figures.Span(i.Numerator, first, period), figures.Span(i.Denominator, first, period)));
    }

    private static List<VillageTable> VillageTables(Aggregator figures, Period period)
    {
        var keys = figures.Catalog.Elements.Where(e => e.Key && e.ReportedBy == UnitLevel.Village).ToList();
        var villages = figures.Data.Units.Where(u => u.Level == UnitLevel.Village).ToList();
        return keys.Chunk(VillageTableColumns).Select(chunk => new VillageTable(
            chunk.Select(e => new ColumnHead(e.Code, e.Name, e.Unit, e.ShownDecimals)).ToList(),
            villages.Select(v => new VillageRow(v.Code.Value, v.Name, chunk.Select(e => figures.UnitMonth(v.Code, e.Code, period)).ToList())).ToList()))
            .ToList();
    }

    private static ChartFigures VillageChart(Aggregator figures, Period period)
    {
        var element = figures.Catalog.Find(VillageChartElement) ?? figures.Catalog.Elements.First(e => e.ReportedBy == UnitLevel.Village);
        var villages = figures.Data.Units.Where(u => u.Level == UnitLevel.Village).ToList();
        return new ChartFigures(element.Code, $"各村{element.Name}（{period.ToChinese()}）", element.Unit,
            villages.Select(v => v.Name).ToList(),
            [new SeriesFigures(element.Name, villages.Select(v => figures.UnitMonth(v.Code, element.Code, period)).ToList())]);
    }

    private static ChartFigures TrendChart(Aggregator figures, Period period)
    {
        var element = figures.Catalog.Find(TrendChartElement) ?? figures.Catalog.Elements[0];
        var months = period.AddMonths(-11).Through(period).ToList();
        return new ChartFigures(element.Code, $"{element.Name}近12个月走势", element.Unit,
            months.Select(m => m.Month == 1 || m == months[0] ? $"{m.Year % 100:D2}年{m.Month}月" : $"{m.Month}月").ToList(),
            [
                new SeriesFigures("近12个月", months.Select(m => figures.Month(element.Code, m)).ToList()),
                new SeriesFigures("上年同期", months.Select(m => figures.Month(element.Code, m.SameMonthLastYear)).ToList()),
            ]);
    }
}
