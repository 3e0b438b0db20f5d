namespace VillageReports.Reports;

/// <summary>A report file to stream back.</summary>
public sealed record ReportFile(ReportVersion Version, Stream Content);
