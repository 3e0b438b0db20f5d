namespace VillageReports.Delivery;

/// <summary>A version's delivery to the county, with every attempt to notify it.</summary>
public sealed record DeliveryRecord(string Town, string Kind, string Period, int Version, string Status, string InboxPdf, DateTimeOffset Updated, string? LastError, IReadOnlyList<DeliveryAttempt> Attempts);
