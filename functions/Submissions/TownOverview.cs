namespace VillageReports.Submissions;

/// <summary>The town office's grid: each expected unit against each of the last months.</summary>
public sealed record TownOverview(string Town, string Name, IReadOnlyList<OverviewPeriod> Periods, IReadOnlyList<OverviewUnit> Units);
