namespace VillageReports.Reports;

/// <summary>What an assembly run did: stored a new version, or found the latest one already covers the same inputs.</summary>
public sealed record AssemblyOutcome(bool Created, ReportVersion Version);
