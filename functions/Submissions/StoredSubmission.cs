using Azure;

namespace VillageReports.Submissions;

/// <summary>A stored current revision with the table's entity tag, for an optimistic update.</summary>
public sealed record StoredSubmission(Submission Submission, ETag TableETag, DateTimeOffset FirstSubmittedAt);
