namespace VillageReports.Reminders;

/// <summary>A queue message: remind this town today (<c>YYYY-MM-DD</c>, China time) about its open month.</summary>
public sealed record ReminderJob(string Town, string Day);
