namespace VillageReports.Delivery;

/// <summary>The <c>VillageReports:Delivery</c> settings.</summary>
public sealed class DeliveryOptions
{
    public const string Section = "VillageReports:Delivery";

    /// <summary>The county's webhook; unset means reports go to the county inbox container only.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>The shared secret the notice is signed with (HMAC-SHA256 over the raw body).</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Where the county downloads reports, for the notice's <c>url</c> (e.g. https://app.example.cn).</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>HTTP tries per delivery run, the first included.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The first wait between tries; it doubles each time (with jitter).</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one try may take before it counts as failed.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
