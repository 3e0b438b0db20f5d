namespace VillageReports.Submissions;

/// <summary>
/// The answer to a PUT: the revision now current (unchanged on a retry) or, for a dry run, the one that would be
/// stored; whether it was the unit's first for the period.
/// </summary>
public sealed record PutOutcome(Submission Submission, bool Created, bool DryRun, bool Unchanged)
{
    /// <summary>Whether <see cref="Submission"/> is really stored: a dry run of a change stores nothing, so has no revision to claim.</summary>
    public bool Stored => Unchanged || !DryRun;
}
