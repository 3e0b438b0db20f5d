namespace VillageReports.Delivery;

/// <summary>A queue message: deliver this version of a report to the county.</summary>
public sealed record DeliveryJob(string Town, string Kind, string Period, int Version);
