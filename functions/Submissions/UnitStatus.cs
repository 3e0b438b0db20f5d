namespace VillageReports.Submissions;

/// <summary>One expected unit in a period's status: reported or not, on time or late, its revision.</summary>
public sealed record UnitStatus(string Unit, string Name, string Level, bool Reported, bool Late, int? Revision, DateTimeOffset? SubmittedAt);
