namespace VillageReports.Reports;

/// <summary>An approval as the API shows it.</summary>
public sealed record ApprovalView(
    string Town, ReportKind Kind, string Period, int Version, string ApprovedBy, DateTimeOffset ApprovedAt, string? Comment,
    bool Withdrawn, string? WithdrawnBy, DateTimeOffset? WithdrawnAt, string? WithdrawReason)
{
    public static ApprovalView From(Approval a) =>
        new(a.Town.Value, a.Report.Kind, a.Report.ToString(), a.Version, a.ApprovedBy, a.ApprovedAt, a.Comment,
            !a.InForce, a.WithdrawnBy, a.WithdrawnAt, a.WithdrawReason);
}
