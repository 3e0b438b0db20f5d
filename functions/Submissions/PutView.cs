namespace VillageReports.Submissions;

/// <summary>The answer to a PUT; a dry run of a change claims no revision, since it stored none.</summary>
public sealed record PutView(string Unit, string Period, int? Revision, bool Late, IReadOnlyList<Warning> Warnings, bool DryRun)
{
    public static PutView From(PutOutcome o) =>
        new(o.Submission.Unit.Value, o.Submission.Period.ToString(), o.Stored ? o.Submission.Revision : null, o.Submission.Late, o.Submission.Warnings, o.DryRun);
}
