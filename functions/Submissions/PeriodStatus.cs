namespace VillageReports.Submissions;

/// <summary>Who has reported for a period: the counts and each expected unit.</summary>
public sealed record PeriodStatus(string Town, string Period, DateOnly DueDate, bool Locked, bool Stale, bool Approved, int Expected, int OnTime, int Late, int Missing, IReadOnlyList<UnitStatus> Units);
