namespace VillageReports.Submissions;

/// <summary>Where a town's month stands: locked once its monthly report exists, stale when amended after that.</summary>
public sealed record PeriodState(bool Locked, DateTimeOffset? LockedAt, bool Stale)
{
    public static PeriodState Open { get; } = new(false, null, false);

    /// <summary>The month's phase on <paramref name="today"/> (China time), for a unit about to post.</summary>
    public PeriodPhase PhaseOf(Period period, DateOnly today, int dueDay) =>
        period.FirstDay > today ? PeriodPhase.Future
        : Locked ? PeriodPhase.Locked
        : today > period.DueDate(dueDay) ? PeriodPhase.Late
        : PeriodPhase.Open;
}
