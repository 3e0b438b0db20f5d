namespace VillageReports;

/// <summary>The <c>VillageReports</c> configuration section.</summary>
public sealed class VillageReportsOptions
{
    public const string Section = "VillageReports";

    /// <summary>The town office's admin token. Unset means no admin access at all.</summary>
    public string? AdminToken { get; set; }

    /// <summary>Day of the next month on which a period is due (China time).</summary>
    public int DueDay { get; set; } = 5;

    /// <summary>A catalog file that replaces the built-in one for this deployment.</summary>
    public string? CatalogPath { get; set; }

    /// <summary>An annual report template that replaces the one shipped in Templates/ (the town office's own wording).</summary>
    public string? AnnualTemplatePath { get; set; }

    /// <summary>A prefix on every table, container and queue name (tests, or several deployments in one account).</summary>
    public string? StoragePrefix { get; set; }

    /// <summary>Largest request body accepted, in bytes.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;
}
