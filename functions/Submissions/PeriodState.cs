namespace VillageReports.Submissions;

/// <summary>Where a town's month stands: locked once its monthly report exists, stale when amended after that.</summary>
public sealed record PeriodState(bool Locked, DateTimeOffset? LockedAt, bool Stale)
{
    public static PeriodState Open { get; } = new(false, null, false);
}
