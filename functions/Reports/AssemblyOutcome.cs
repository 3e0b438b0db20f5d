namespace VillageReports.Reports;

/// <summary>What an assembly run did, and the version that now stands for the report (none when deferred).</summary>
public sealed record AssemblyOutcome(AssemblyStatus Status, ReportVersion? Version);
