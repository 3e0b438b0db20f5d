namespace VillageReports.Reminders;

/// <summary>A town's reminder settings as the API shows them: whether a secret is set, never the secret.</summary>
public sealed record ReminderSettingsView(string Town, string Channel, string Url, bool HasSecret, IReadOnlyList<int> Days, bool EveryDayAfterDue)
{
    public static ReminderSettingsView From(ReminderSettings s) =>
        new(s.Town.Value, s.Channel.ToString().ToLowerInvariant(), s.Url, !string.IsNullOrEmpty(s.Secret), s.Days, s.EveryDayAfterDue);
}
