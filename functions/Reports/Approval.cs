namespace VillageReports.Reports;

/// <summary>
/// The town office's approval (审核) of one report version: who and when, with an optional comment; withdrawn, with
/// a reason, only before the version went to the county.
/// </summary>
public sealed record Approval(
    UnitCode Town, ReportPeriod Report, int Version, string ApprovedBy, DateTimeOffset ApprovedAt, string? Comment,
    string? WithdrawnBy = null, DateTimeOffset? WithdrawnAt = null, string? WithdrawReason = null)
{
    public bool InForce => WithdrawnAt is null;
}
