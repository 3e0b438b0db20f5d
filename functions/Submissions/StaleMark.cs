using Azure;
using VillageReports.Units;

namespace VillageReports.Submissions;

/// <summary>A month's stale mark as <see cref="PeriodStore.LockAsync"/> read it: the row's version lets a report clear exactly that mark.</summary>
public sealed record StaleMark(UnitCode Town, Period Period, ETag Seen);
