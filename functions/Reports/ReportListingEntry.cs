namespace VillageReports.Reports;

/// <summary>
/// One version in a listing; <see cref="Stale"/> when its month was amended after it was issued. <see cref="Approval"/>:
/// <c>notRequired</c>, <c>awaiting</c>, <c>approved</c> or <c>withdrawn</c>; <see cref="Delivered"/> once it went to the county.
/// </summary>
public sealed record ReportListingEntry(ReportKind Kind, string Period, int Version, long Size, string Sha256, DateTimeOffset Created, bool Stale, string Approval, bool DeliveryQueued);
