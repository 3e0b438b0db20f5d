namespace VillageReports.Reminders;

/// <summary>A unit that has not reported the month.</summary>
public sealed record MissingUnit(string Unit, string Name);
