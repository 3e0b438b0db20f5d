
namespace VillageReports.Submissions;

/// <summary>An accepted value that looks unlikely next to the unit's previous month; it is kept and shown in the report.</summary>
public sealed record Warning(string Element, decimal Value, decimal Previous, string Message);
