namespace VillageReports.Reminders;

/// <summary>What a reminder job did; only <see cref="Sent"/> reached the robot.</summary>
public enum ReminderOutcome { Sent, NotConfigured, NotToday, Locked, AllReported, AlreadySent }
