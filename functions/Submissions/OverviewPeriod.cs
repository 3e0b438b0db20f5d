namespace VillageReports.Submissions;

/// <summary>A month of the grid: its due date, and whether its report has locked it (and been amended since).</summary>
public sealed record OverviewPeriod(string Period, DateOnly DueDate, bool Locked, bool Stale);
