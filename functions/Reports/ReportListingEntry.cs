namespace VillageReports.Reports;

/// <summary>One version in a listing; <see cref="Stale"/> when its month was amended after it was issued.</summary>
public sealed record ReportListingEntry(ReportKind Kind, string Period, int Version, long Size, string Sha256, DateTimeOffset Created, bool Stale);
