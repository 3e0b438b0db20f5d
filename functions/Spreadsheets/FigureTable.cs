namespace VillageReports.Spreadsheets;

/// <summary>A grid of figures as exported: a column per element (then indicator), a row per unit, then the town total.</summary>
public sealed record FigureTable(string Town, string Title, IReadOnlyList<FigureColumn> Columns, IReadOnlyList<FigureRow> Rows);

/// <summary>A column: its code (kept in the code row, so an export can be imported back) and its header 名称（单位）.</summary>
public sealed record FigureColumn(string Code, string Header);

/// <summary>A unit's figures (null = not reported, never 0); the total row's code is <see cref="SheetLayout.TotalRowCode"/>.</summary>
public sealed record FigureRow(string UnitCode, string UnitName, IReadOnlyList<decimal?> Cells);
