namespace VillageReports.Health;

/// <summary>The answer of <c>GET /api/health</c>.</summary>
public sealed record HealthReport(string Status, HealthChecks Storage)
{
    public bool Healthy => Status == "healthy";
}
