namespace VillageReports.Reminders;

/// <summary>A reminder for one month and day: its status (<c>sending</c>, <c>sent</c>, <c>failed</c>), the message and every try.</summary>
public sealed record ReminderRecord(string Period, string Day, string Status, string Channel, string Message, DateTimeOffset Updated, string? LastError, IReadOnlyList<ReminderAttempt> Attempts);
