using VillageReports.Catalog;
using VillageReports.Reports;
using VillageReports.Submissions;
using VillageReports.Units;

namespace VillageReports.Spreadsheets;

/// <summary>A town's figures as spreadsheets: exports of a month or a year, and the template the office fills in.</summary>
public sealed class SpreadsheetService(ElementCatalog catalog, ReportDataLoader loader, PeriodStore periods, SubmissionStore submissions, UnitStore units)
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
        IReadOnlyDictionary<string, decimal>? Current(ReportingUnit unit) => data.Find(unit.Code, period)?.Values;
        var villageSheet = TemplateSheet(UnitLevel.Village, units.Where(u => u.Level == UnitLevel.Village), Current);
        var townSheet = TemplateSheet(UnitLevel.Town, units.Where(u => u.Level == UnitLevel.Town), Current);
        return XlsxWriter.Write([villageSheet, townSheet], [(WorkbookTemplate.InstructionsSheet, WorkbookTemplate.Instructions(town.Town, period, state.Locked))]);
    }

    /// <summary>One unit's own sheet (a village that cannot use the phone form), in the town template's layout, so the office imports it as it is.</summary>
    public async Task<Result<byte[]>> UnitTemplateAsync(UnitScope unit, string periodRoute, CancellationToken cancellationToken)
    {
        var parsed = Period.FromRoute(periodRoute);
        if (parsed.Problem is { } invalid)
        {
            return invalid;
        }

        var period = parsed.Value;
        var town = units.FindTownAsync(unit.Code.Town, cancellationToken);
        var current = submissions.GetCurrentAsync(unit.Code, period, cancellationToken);
        var state = periods.GetAsync(unit.Code.Town, period, cancellationToken);
        await Task.WhenAll(town, current, state);
        if (await town is not { } found)
        {
            return Problem.NotFound("Town");
        }

        var values = (await current)?.Submission.Values;
        return XlsxWriter.Write(
            [TemplateSheet(unit.Unit.Level, [unit.Unit], _ => values)],
            [(WorkbookTemplate.InstructionsSheet, WorkbookTemplate.Instructions(found, period, (await state).Locked))]);
    }

    private GridSheet TemplateSheet(UnitLevel level, IEnumerable<ReportingUnit> units, Func<ReportingUnit, IReadOnlyDictionary<string, decimal>?> values)
    {
        var elements = catalog.Elements.Where(e => e.ReportedBy == level).ToList();
        var rows = units.Select(u =>
        {
            var current = values(u);
            IReadOnlyList<SheetCell> cells =
            [
                SheetCell.Of(u.Code.Value), SheetCell.Of(u.Name),
                .. elements.Select(e => SheetCell.Of(current is not null && current.TryGetValue(e.Code, out var v) ? v : null)),
            ];
            return cells;
        }).ToList();
        return new GridSheet(
            level == UnitLevel.Village ? WorkbookTemplate.VillageSheet : WorkbookTemplate.TownSheet,
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
