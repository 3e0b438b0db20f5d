namespace VillageReports.Reminders;

/// <summary>
/// A town's reminder (催报) channel and the days it sends on, counted from the due day (−2: two days before, 0: the due
/// day); <see cref="EveryDayAfterDue"/> adds every later day until the month locks. The secret is write-only.
/// </summary>
public sealed record ReminderSettings(UnitCode Town, ReminderChannel Channel, string Url, string? Secret, IReadOnlyList<int> Days, bool EveryDayAfterDue)
{
    public static readonly IReadOnlyList<int> DefaultDays = [-2, 0];

    /// <summary>Whether <paramref name="offset"/> days from the due day is a day to remind on.</summary>
    public bool RemindsOn(int offset) => Days.Contains(offset) || (EveryDayAfterDue && offset > 0);
}
