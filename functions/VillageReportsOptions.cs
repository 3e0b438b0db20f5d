namespace VillageReports;

/// <summary>The <c>VillageReports</c> configuration section.</summary>
public sealed class VillageReportsOptions
{
    public const string Section = "VillageReports";

    /// <summary>The deployment admin's token. Unset means no admin access at all; a short or sample value stops the app at start-up.</summary>
    public string? AdminToken { get; set; }

    public const int MinAdminTokenLength = 32;

    /// <summary>The value local.settings.sample.json ships with: copying the sample must not make it a working secret.</summary>
    public const string SampleAdminToken = "change-me-to-a-long-random-secret";

    public const string AdminTokenRule =
        "VillageReports:AdminToken must be at least 32 characters and not the sample's placeholder: generate one, e.g. `openssl rand -base64 33`, or leave it unset for no admin access.";

    /// <summary>Why an admin token cannot be used, or null when it can (or is unset).</summary>
    public static string? AdminTokenProblem(string? token) =>
        string.IsNullOrEmpty(token) ? null
        : token == SampleAdminToken ? "is the sample's placeholder"
        : token.Length < MinAdminTokenLength ? $"is shorter than {MinAdminTokenLength} characters"
        : null;

    /// <summary>Day of the next month on which a period is due (China time).</summary>
    public int DueDay { get; set; } = 5;

    /// <summary>A catalog file that replaces the built-in one for this deployment.</summary>
    public string? CatalogPath { get; set; }

    /// <summary>An annual report template that replaces the one shipped in Templates/ (the town office's own wording).</summary>
    public string? AnnualTemplatePath { get; set; }

    /// <summary>A prefix on every table, container and queue name (tests, or several deployments in one account).</summary>
    public string? StoragePrefix { get; set; }

    /// <summary>How long one storage call may wait for an answer before it is retried or given up (503).</summary>
    public TimeSpan StorageNetworkTimeout { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>Retries of a storage call after the first try; with the timeout above they bound an outage's answer.</summary>
    public int StorageMaxRetries { get; set; } = 2;

    /// <summary>How long a verified unit token is trusted without asking storage; a revocation takes effect within it.</summary>
    public TimeSpan TokenCacheDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a unit (its name, level, whether still on the town's list) is trusted without asking storage.</summary>
    public TimeSpan UnitCacheDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long a month's lock is left to settle before a report reads the month: a village's save that found the month
    /// open and took less than this is in the report; a slower one checks the lock again after saving.
    /// </summary>
    public TimeSpan LockSettleTime { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a request body may take to arrive before the answer is 408 (a phone on a weak network needs some).</summary>
    public TimeSpan BodyReadTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest request body accepted, in bytes.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;
}
