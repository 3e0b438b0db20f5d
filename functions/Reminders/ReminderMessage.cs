namespace VillageReports.Reminders;

/// <summary>What a reminder says: for people (title and Markdown), and the same as data for a generic webhook.</summary>
public sealed record ReminderMessage(
    string Town, string TownName, string Period, DateOnly DueDate, int DaysFromDue,
    IReadOnlyList<MissingUnit> Missing, string ConsoleUrl, string Title, string Markdown);
