namespace VillageReports.Units;

/// <summary>A village in a <see cref="TownView"/>; a village dropped from the town stays, inactive.</summary>
public sealed record VillageView(string Code, string Name, bool Active);
