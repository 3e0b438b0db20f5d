namespace VillageReports.Units;

/// <summary>A town as saved, and whether it was new.</summary>
public sealed record TownSaved(Town Town, bool Created);
