namespace VillageReports.Reports;

/// <summary>Every report version of a town, as listed to the town office and the county.</summary>
public sealed record ReportListing(string Town, IReadOnlyList<ReportListingEntry> Reports);
