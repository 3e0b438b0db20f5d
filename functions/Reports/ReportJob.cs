namespace VillageReports.Reports;

/// <summary>A queue message: assemble this town's report for this period (YYYY-MM for monthly, YYYY for annual).</summary>
public sealed record ReportJob(string Town, string Kind, string Period);

/// <summary>One stored version of a report.</summary>
public sealed record ReportVersion(
    string Town, string Kind, string Period, int Version, long Size, string Sha256, DateTimeOffset Created,
    string InputsHash, string PdfBlob, string JsonBlob, bool DeliveryQueued);
