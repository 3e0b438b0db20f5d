namespace VillageReports.Units;

/// <summary>A unit that posts figures: a village or a town office.</summary>
/// <remarks>A village dropped from its town stays, inactive, so its history can still be read.</remarks>
public sealed record ReportingUnit(UnitCode Code, string Name, UnitLevel Level, bool Active = true);
