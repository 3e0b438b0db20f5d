using VillageReports.Catalog;
using VillageReports.Submissions;
using VillageReports.Units;

namespace VillageReports.Reports;

/// <summary>Everything a report is computed from: the town, its expected units, their current figures, targets and amendments.</summary>
public sealed record ReportData(
    Town Town,
    IReadOnlyDictionary<(UnitCode Unit, Period Period), Submission> Current,
    IReadOnlyDictionary<string, decimal> Targets,
    IReadOnlyList<Submission> Amendments)
{
    public IReadOnlyList<ReportingUnit> Units => Town.ExpectedUnits;

    public Submission? Find(UnitCode unit, Period period) => Current.GetValueOrDefault((unit, period));
}

/// <summary>
/// The town's figures, aggregated as the SPEC says: a month sums its units' values (flows and stocks alike); over
/// several months flows are summed and stocks taken at each unit's last reported month; a unit that did not report
/// an element adds nothing, and a figure nobody reported is null ("not reported"), never 0.
/// </summary>
public sealed class Aggregator(ElementCatalog catalog, ReportData data)
{
    // Every cell of a report asks which units report its element: the town's expected units are sorted out once.
    private readonly ILookup<UnitLevel, ReportingUnit> _unitsByLevel = data.Units.ToLookup(u => u.Level);

    public ElementCatalog Catalog => catalog;
    public ReportData Data => data;

    public IEnumerable<ReportingUnit> UnitsFor(DataElement element) => _unitsByLevel[element.ReportedBy];

    public decimal? UnitMonth(UnitCode unit, string code, Period period) =>
        data.Find(unit, period) is { } s && s.Values.TryGetValue(code, out var value) ? value : null;

    public decimal? Month(string code, Period period) => Sum(UnitsFor(Element(code)).Select(u => UnitMonth(u.Code, code, period)));

    /// <summary>How many of the element's units reported it for the month.</summary>
    public int Reporting(string code, Period period) => UnitsFor(Element(code)).Count(u => UnitMonth(u.Code, code, period) is not null);

    /// <summary>A unit's figure over <paramref name="from"/>..<paramref name="through"/>: flows summed, a stock at its last reported month.</summary>
    public decimal? UnitSpan(UnitCode unit, string code, Period from, Period through)
    {
        var months = from.Through(through).Select(p => UnitMonth(unit, code, p));
        return Element(code).Kind == ElementKind.Flow ? Sum(months) : months.LastOrDefault(v => v is not null);
    }

    /// <summary>The town's figure over a span of months (year to date, a whole year).</summary>
    public decimal? Span(string code, Period from, Period through) =>
        Sum(UnitsFor(Element(code)).Select(u => UnitSpan(u.Code, code, from, through)));

    /// <summary>An indicator from the aggregated numerator and denominator: never an average of unit ratios.</summary>
    public static decimal? Ratio(Indicator indicator, decimal? numerator, decimal? denominator) =>
        numerator is { } n && denominator is { } d && d != 0 ? Round(n / d * indicator.Factor, indicator.Decimals) : null;

    /// <summary>Percent done of an annual target, one decimal.</summary>
    public static decimal? PercentOf(decimal? value, decimal? target) =>
        value is { } v && target is { } t && t != 0 ? Round(v / t * 100, 1) : null;

    /// <summary>Rounds half away from zero (四舍五入), as statistics are published; .NET's default would round 110.05 to 110.0.</summary>
    public static decimal Round(decimal value, int decimals) => decimal.Round(value, decimals, MidpointRounding.AwayFromZero);

    public DataElement Element(string code) => catalog.Find(code) ?? throw new KeyNotFoundException($"Element {code} is not in the catalog.");

    private static decimal? Sum(IEnumerable<decimal?> values)
    {
        decimal? total = null;
        foreach (var value in values)
        {
            if (value is { } v)
            {
                total = (total ?? 0) + v;
            }
        }

        return total;
    }
}

/// <summary>
/// Why a change has no percent: the figure is not reported, the base was not reported, the base is zero (and the
/// figure is not), both are zero, or the base lies before the town's data begins (no data, which is not 未报送).
/// </summary>
public enum ChangeMark { Value, NotReported, NoBase, BaseZero, BothZero, NoData }

/// <summary>A change in percent, or why there is none.</summary>
public readonly record struct Change(decimal? Percent, ChangeMark Mark)
{
    public static readonly Change NoData = new(null, ChangeMark.NoData);

    public static Change Between(decimal? now, decimal? before) =>
        now is not { } n ? new Change(null, ChangeMark.NotReported)
        : before is not { } b ? new Change(null, ChangeMark.NoBase)
        : b == 0 ? new Change(null, n == 0 ? ChangeMark.BothZero : ChangeMark.BaseZero)
        : new Change(Aggregator.Round((n - b) / b * 100, 1), ChangeMark.Value);
}
