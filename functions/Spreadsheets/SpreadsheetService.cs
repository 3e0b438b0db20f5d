using VillageReports.Catalog;
using VillageReports.Reports;
using VillageReports.Submissions;
using VillageReports.Units;

namespace VillageReports.Spreadsheets;

/// <summary>A town's figures as spreadsheets: exports of a month or a year, and the template the office fills in.</summary>
public sealed class SpreadsheetService(ElementCatalog catalog, ReportDataLoader loader, PeriodStore periods)
{
    public async Task<Result<FigureTable>> PeriodTableAsync(TownScope town, string periodRoute, CancellationToken cancellationToken)
    {
        var period = Period.FromRoute(periodRoute);
        return period.Problem is { } invalid
            ? invalid
            : await TableAsync(town, period.Value, period.Value, period.Value.ToChinese(), cancellationToken);
    }

    /// <summary>A year's figures: flows summed over its months, stocks at each unit's last reported month (the Reports' aggregation).</summary>
    public async Task<Result<FigureTable>> YearTableAsync(TownScope town, string yearRoute, CancellationToken cancellationToken)
    {
        var year = Period.YearFromRoute(yearRoute);
        return year.Problem is { } invalid
            ? invalid
            : await TableAsync(town, new Period(year.Value, 1), new Period(year.Value, 12), $"{year.Value}年", cancellationToken);
    }

    public async Task<Result<byte[]>> TemplateAsync(TownScope town, string periodRoute, CancellationToken cancellationToken)
    {
        var parsed = Period.FromRoute(periodRoute);
        if (parsed.Problem is { } invalid)
        {
            return invalid;
        }

        var period = parsed.Value;
        var data = await loader.LoadAsync(town.Town, period, period, period.Year, cancellationToken);
        var state = await periods.GetAsync(town.Code, period, cancellationToken);
        var units = town.Town.ExpectedUnits;
        var villageSheet = TemplateSheet(WorkbookTemplate.VillageSheet, UnitLevel.Village, units.Where(u => u.Level == UnitLevel.Village), data, period);
        var townSheet = TemplateSheet(WorkbookTemplate.TownSheet, UnitLevel.Town, units.Where(u => u.Level == UnitLevel.Town), data, period);
        return XlsxWriter.Write([villageSheet, townSheet], [(WorkbookTemplate.InstructionsSheet, WorkbookTemplate.Instructions(town.Town, period, state.Locked))]);
    }

    private GridSheet TemplateSheet(string name, UnitLevel level, IEnumerable<ReportingUnit> units, ReportData data, Period period)
    {
        var elements = catalog.Elements.Where(e => e.ReportedBy == level).ToList();
        var rows = units.Select(u =>
        {
            var current = data.Find(u.Code, period)?.Values;
            IReadOnlyList<SheetCell> cells =
            [
                SheetCell.Of(u.Code.Value), SheetCell.Of(u.Name),
                .. elements.Select(e => SheetCell.Of(current is not null && current.TryGetValue(e.Code, out var v) ? v : null)),
            ];
            return cells;
        }).ToList();
        return new GridSheet(
            name,
            [SheetLayout.UnitCodeHeader, SheetLayout.UnitNameHeader, .. elements.Select(SheetLayout.Header)],
            [SheetLayout.UnitCodeKey, SheetLayout.UnitNameKey, .. elements.Select(e => e.Code)],
            rows,
            [null, null, .. elements.Select(WorkbookTemplate.Rule)],
            Protected: true);
    }

    private async Task<FigureTable> TableAsync(TownScope town, Period from, Period through, string title, CancellationToken cancellationToken)
    {
        var data = await loader.LoadAsync(town.Town, from, through, through.Year, cancellationToken);
        var figures = new Aggregator(catalog, data);
        var columns = catalog.Elements.Select(e => new FigureColumn(e.Code, SheetLayout.Header(e)))
            .Concat(catalog.Indicators.Select(i => new FigureColumn(i.Code, SheetLayout.Header(i))))
            .ToList();

        // A unit's indicator is its own ratio, the total's is the ratio of the totals (never an average of ratios).
        List<decimal?> Row(Func<string, decimal?> value) =>
        [
            .. catalog.Elements.Select(e => value(e.Code)),
            .. catalog.Indicators.Select(i => Aggregator.Ratio(i, value(i.Numerator), value(i.Denominator))),
        ];

        var rows = data.Units
            .Select(u => new FigureRow(u.Code.Value, u.Name, Row(code => catalog.Find(code)!.ReportedBy == u.Level ? figures.UnitSpan(u.Code, code, from, through) : null)))
            .Append(new FigureRow(SheetLayout.TotalRowCode, SheetLayout.TotalRowName, Row(code => figures.Span(code, from, through))))
            .ToList();
        return new FigureTable(town.Town.Name, $"{town.Town.Name}{title}", columns, rows);
    }
}
