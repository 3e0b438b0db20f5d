namespace VillageReports.Reports;

/// <summary>One stored version of a report.</summary>
public sealed record ReportVersion(
    UnitCode Town, ReportPeriod Report, int Version, long Size, string Sha256, DateTimeOffset Created,
    string InputsHash, string PdfBlob, string JsonBlob, bool DeliveryQueued)
{
    public ReportKind Kind => Report.Kind;
}
