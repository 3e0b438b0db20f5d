using VillageReports.Units;

namespace VillageReports.Submissions;

/// <summary>One revision of a unit's figures for a period. Revisions are never deleted or overwritten.</summary>
public sealed record Submission(
    UnitCode Unit,
    Period Period,
    int Revision,
    IReadOnlyDictionary<string, decimal> Values,
    string? Comment,
    string? Reason,
    DateTimeOffset SubmittedAt,
    string SubmittedBy,
    bool Late,
    IReadOnlyList<Warning> Warnings)
{
    /// <summary>A change made with a reason by the town office (for itself or a village) or the admin: after lock, the only changes there are.</summary>
    public bool IsAmendment => Reason is not null && (SubmittedBy != Unit.Value || Unit.IsTown);

    /// <summary>The HTTP entity tag of this revision: it changes exactly when the revision does.</summary>
    public string EntityTag => $"\"{Revision}\"";

    /// <summary>Whether <paramref name="draft"/> would change nothing, so a retried request makes no new revision.</summary>
    public bool Matches(SubmissionDraft draft) =>
        Comment == draft.Comment
        && Values.Count == draft.Values.Count
        && draft.Values.All(kv => Values.TryGetValue(kv.Key, out var v) && v == kv.Value);
}
