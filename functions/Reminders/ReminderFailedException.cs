namespace VillageReports.Reminders;

/// <summary>The robot kept refusing; the queue retries the job (which takes the failed reminder over), then poisons it.</summary>
public sealed class ReminderFailedException(string message) : Exception(message);
