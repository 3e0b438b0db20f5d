namespace VillageReports.Reminders;

/// <summary>One try to reach the robot: when, its HTTP status and the robot's own answer code, or the error.</summary>
public sealed record ReminderAttempt(DateTimeOffset At, int? HttpStatus, string? Answer, long DurationMs, string? Error);
