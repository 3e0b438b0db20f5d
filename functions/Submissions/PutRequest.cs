namespace VillageReports.Submissions;

/// <summary>A PUT of a unit's figures for a period, as the function read it.</summary>
public sealed record PutRequest(string PeriodRoute, ReadOnlyMemory<byte> Body, string? IfMatch, bool DryRun);
