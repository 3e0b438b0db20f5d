namespace VillageReports.Submissions;

/// <summary>The unit's current revision for the month, as the form shows it.</summary>
public sealed record FormCurrent(int Revision, IReadOnlyDictionary<string, decimal> Values, string? Comment, DateTimeOffset SubmittedAt, bool Late);
