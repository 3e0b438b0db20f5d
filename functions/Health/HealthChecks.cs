namespace VillageReports.Health;

/// <summary>Each storage service: <c>ok</c> or <c>unavailable</c>.</summary>
public sealed record HealthChecks(string Tables, string Blobs, string Queues);
