namespace VillageReports.Delivery;

/// <summary>What the county's webhook receives for each new report version.</summary>
public sealed record WebhookNotice(string Town, string County, string Kind, string Period, int Version, string Sha256, long Size, string Url);
