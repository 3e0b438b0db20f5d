namespace VillageReports.Submissions;

/// <summary>The unit's figures of the month before, shown beside each input.</summary>
public sealed record FormPrevious(string Period, IReadOnlyDictionary<string, decimal> Values);
