namespace VillageReports.Reminders;

/// <summary>What a robot answered: the HTTP status, its own answer code (errcode), and whether that means sent.</summary>
public sealed record RobotAnswer(int? HttpStatus, string? Answer, string? Error)
{
    public bool Sent => Error is null;
}
