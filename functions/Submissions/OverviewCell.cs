namespace VillageReports.Submissions;

/// <summary>
/// One unit's month: <c>onTime</c>, <c>late</c>, <c>missing</c> (due date passed, nothing posted) or <c>open</c>
/// (nothing posted yet, not due), with the current revision when there is one.
/// </summary>
public sealed record OverviewCell(string Period, string State, int? Revision);
