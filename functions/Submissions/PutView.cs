namespace VillageReports.Submissions;

/// <summary>The answer to a PUT.</summary>
public sealed record PutView(string Unit, string Period, int Revision, bool Late, IReadOnlyList<Warning> Warnings, bool DryRun)
{
    public static PutView From(PutOutcome o) =>
        new(o.Submission.Unit.Value, o.Submission.Period.ToString(), o.Submission.Revision, o.Submission.Late, o.Submission.Warnings, o.DryRun);
}
