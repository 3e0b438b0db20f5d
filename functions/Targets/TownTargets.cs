namespace VillageReports.Targets;

/// <summary>A town's annual targets (年度目标) for one year, element code → target.</summary>
public sealed record TownTargets(string Town, int Year, IReadOnlyDictionary<string, decimal> Targets);
