namespace VillageReports.Units;

/// <summary>A village of a town; one dropped from the town is kept, inactive, with its history.</summary>
public sealed record Village(UnitCode Code, string Name, bool Active = true);
