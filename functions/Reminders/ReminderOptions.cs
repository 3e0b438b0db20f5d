namespace VillageReports.Reminders;

/// <summary>The <c>VillageReports:Reminders</c> settings.</summary>
public sealed class ReminderOptions
{
    public const string Section = "VillageReports:Reminders";

    /// <summary>HTTP tries to the robot per run, the first included; then the attempt is marked failed and the queue retries.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The first wait between tries; it doubles each time.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Robots on this machine over plain http: for tests with loopback robots only, never in a deployment.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>How long one try may take.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
