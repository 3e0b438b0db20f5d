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
