using System.Security.Cryptography;
using System.Text.Json;

namespace VillageReports.Local;

/// <summary>
/// The Functions app on Kestrel, for machines without Core Tools: the same function classes and services,
/// HTTP routes under <c>/api</c>, timers on their schedules and queue triggers polling their queues.
/// </summary>
public static class LocalHost
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    public static WebApplication Build(string[] args, IDictionary<string, string?>? overrides = null, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(Defaults);
        AddLocalSettings(builder.Configuration, FindLocalSettings());
        builder.Configuration.AddEnvironmentVariables();
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        EnsureAdminToken(builder.Configuration);

        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.WebHost.UseUrls(builder.Configuration["urls"] ?? DefaultUrl);

        var functions = FunctionIndex.Scan(typeof(VillageReportsServices).Assembly);
        builder.Services.AddVillageReports(builder.Configuration);
        builder.Services.AddMvcCore();
        foreach (var function in functions)
        {
            builder.Services.AddSingleton(function);
        }

        builder.Services.AddSingleton(new QueueSettings(
            builder.Configuration.GetValue("LocalRunner:MaxDequeueCount", 5),
            builder.Configuration.GetValue("LocalRunner:QueueRetryDelay", TimeSpan.FromSeconds(30)),
            builder.Configuration.GetValue("LocalRunner:QueuePollInterval", TimeSpan.FromSeconds(1))));
        builder.Services.AddHostedService<TimerFunctions>();
        builder.Services.AddHostedService<QueueFunctions>();
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapFunctions(functions);
        return app;
    }

    public const string AdminTokenKey = "VillageReports:AdminToken";

    /// <summary>
    /// The admin token from any source (environment, local.settings.json, overrides); when none gives one, a random
    /// token for this run, so the runner is never open and never locked out.
    /// </summary>
    private static void EnsureAdminToken(ConfigurationManager configuration)
    {
        if (string.IsNullOrEmpty(configuration[AdminTokenKey]))
        {
            configuration[AdminTokenKey] = "admin-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        }
    }

    // The same defaults local.settings.sample.json documents, so the runner works with no settings file at all.
    private static readonly Dictionary<string, string?> Defaults = new()
    {
        ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        ["Storage"] = "UseDevelopmentStorage=true",
        ["MonthlyReportSchedule"] = "0 0 18 5 * *",
        ["AnnualReportSchedule"] = "0 0 18 9 1 *",
        ["ReportJobsQueue"] = "report-jobs",
        ["DeliveryQueue"] = "deliveries",
    };

    private static string? FindLocalSettings()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "local.settings.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Reads the <c>Values</c> of a Core Tools settings file, so <c>func start</c> and this runner share one file.</summary>
    private static void AddLocalSettings(ConfigurationManager configuration, string? path)
    {
        if (path is null)
        {
            return;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        if (document.RootElement.TryGetProperty("Values", out var values))
        {
            configuration.AddInMemoryCollection(values.EnumerateObject()
                .Select(p => KeyValuePair.Create(p.Name.Replace("__", ":", StringComparison.Ordinal), (string?)p.Value.ToString())));
        }
    }
}
