namespace VillageReports.Units;

/// <summary>A unit that posts figures: a village or a town office.</summary>
public sealed record ReportingUnit(UnitCode Code, string Name, UnitLevel Level);
