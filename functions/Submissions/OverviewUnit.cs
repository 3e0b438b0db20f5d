namespace VillageReports.Submissions;

/// <summary>A row of the grid: one unit and its cell for each month, oldest first.</summary>
public sealed record OverviewUnit(string Unit, string Name, string Level, IReadOnlyList<OverviewCell> Cells);
