namespace VillageReports.Delivery;

/// <summary>One try to notify the county: when, the HTTP status or the error, how long it took.</summary>
public sealed record DeliveryAttempt(DateTimeOffset At, int? Status, long DurationMs, string? Error);
