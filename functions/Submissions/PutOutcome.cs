namespace VillageReports.Submissions;

/// <summary>The answer to a PUT: the revision now current (unchanged on a retry), and whether it was the first.</summary>
public sealed record PutOutcome(Submission Submission, bool Created, bool DryRun);
