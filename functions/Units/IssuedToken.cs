namespace VillageReports.Units;

/// <summary>A new token, shown once: only its hash is stored.</summary>
public sealed record IssuedToken(string Unit, string Token);
