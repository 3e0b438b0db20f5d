
namespace VillageReports.Submissions;

/// <summary>What a request asks to store: the figures by element code, and optional comment and reason.</summary>
public sealed record SubmissionDraft(IReadOnlyDictionary<string, decimal> Values, string? Comment, string? Reason);
