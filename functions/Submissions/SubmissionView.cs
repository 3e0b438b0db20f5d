namespace VillageReports.Submissions;

/// <summary>A revision as the API shows it.</summary>
public sealed record SubmissionView(
    string Unit,
    string Period,
    int Revision,
    IReadOnlyDictionary<string, decimal> Values,
    string? Comment,
    string? Reason,
    DateTimeOffset SubmittedAt,
    string SubmittedBy,
    bool Late,
    IReadOnlyList<Warning> Warnings)
{
    public static SubmissionView From(Submission s) =>
        new(s.Unit.Value, s.Period.ToString(), s.Revision, s.Values, s.Comment, s.Reason, s.SubmittedAt, s.SubmittedBy, s.Late, s.Warnings);
}

/// <summary>The answer to a PUT.</summary>
public sealed record PutView(string Unit, string Period, int Revision, bool Late, IReadOnlyList<Warning> Warnings, bool DryRun)
{
    public static PutView From(PutOutcome o) =>
        new(o.Submission.Unit.Value, o.Submission.Period.ToString(), o.Submission.Revision, o.Submission.Late, o.Submission.Warnings, o.DryRun);
}
