namespace VillageReports.Units;

/// <summary>How many of a unit's tokens were revoked.</summary>
public sealed record RevokedTokens(string Unit, int Revoked);
