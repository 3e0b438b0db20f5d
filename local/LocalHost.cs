using System.Security.Cryptography;
using System.Text.Json;
using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace VillageReports.Local;

/// <summary>
/// The Functions app on Kestrel, for machines without Core Tools: the same function classes and services, the
/// same host.json, HTTP routes under its route prefix, timers on their schedules and queue triggers polling their queues.
/// </summary>
public static class LocalHost
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    public static WebApplication Build(string[] args, IDictionary<string, string?>? overrides = null, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(Defaults);
        builder.Configuration.AddInMemoryCollection(HostSettings.ReadHostJson(Path.Combine(AppContext.BaseDirectory, "host.json")));
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
        var appOptions = builder.Configuration.GetSection(VillageReportsOptions.Section).Get<VillageReportsOptions>() ?? new VillageReportsOptions();
        builder.WebHost.ConfigureKestrel(kestrel => LimitLikeTheApp(kestrel.Limits, appOptions.MaxBodyBytes));

        var functions = FunctionIndex.Scan(typeof(VillageReportsServices).Assembly);
        var host = HostSettings.From(builder.Configuration);
        foreach (var timer in functions.Where(f => f.Trigger == TriggerKind.Timer))
        {
            // The host refuses a bad schedule when it indexes the functions, before anything runs; so does this.
            TimerFunctions.Schedule(timer, builder.Configuration);
        }

        AddWorkerSerializer(builder.Services);
        builder.Services.AddVillageReports(builder.Configuration);
        builder.Services.AddMvcCore();
        foreach (var function in functions)
        {
            builder.Services.AddSingleton(function);
        }

        builder.Services.AddSingleton(host);
        builder.Services.AddSingleton(host.Queues);
        builder.Services.AddHostedService<TimerFunctions>();
        builder.Services.AddHostedService<QueueFunctions>();
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapFunctions(functions, host.RoutePrefix);
        return app;
    }

    /// <summary>
    /// The worker's JSON defaults, registered as the worker registers them, before the app's own configuration:
    /// ConfigureFunctionsWorkerDefaults makes <see cref="JsonSerializerOptions"/> case-insensitive and nothing else
    /// (AddFunctionsWorkerDefaults), and <see cref="WorkerOptions.Serializer"/> is a <see cref="JsonObjectSerializer"/>
    /// over those options unless the app sets one (AddFunctionsWorkerCore). Queue messages bind to records through it.
    /// </summary>
    private static void AddWorkerSerializer(IServiceCollection services)
    {
        services.Configure<JsonSerializerOptions>(options => options.PropertyNameCaseInsensitive = true);
        services.AddOptions<WorkerOptions>().PostConfigure<IOptions<JsonSerializerOptions>>((worker, json) => worker.Serializer ??= new JsonObjectSerializer(json.Value));
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
        ["ReminderSchedule"] = "0 0 1 * * *",
        ["ReminderQueue"] = "reminders",
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

    /// <summary>
    /// Kestrel's own limits match the app's, so a client sees here what it sees in Azure: bodies past MaxBodyBytes are
    /// refused while they stream, headers must arrive within 30 s, an idle connection closes after 2 minutes, and a
    /// body that trickles slower than 240 bytes/s (after 5 s of grace) is cut off, which the app answers 408.
    /// </summary>
    private static void LimitLikeTheApp(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerLimits limits, int maxBodyBytes)
    {
        limits.MaxRequestBodySize = maxBodyBytes;
        limits.RequestHeadersTimeout = TimeSpan.FromSeconds(30);
        limits.KeepAliveTimeout = TimeSpan.FromMinutes(2);
        limits.MinRequestBodyDataRate = new Microsoft.AspNetCore.Server.Kestrel.Core.MinDataRate(240, TimeSpan.FromSeconds(5));
    }
}
