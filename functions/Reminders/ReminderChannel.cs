namespace VillageReports.Reminders;

/// <summary>Where a town's reminders go: a WeCom group robot, a DingTalk custom robot, or a signed webhook.</summary>
public enum ReminderChannel { WeCom, DingTalk, Webhook }
