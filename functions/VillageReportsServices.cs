using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VillageReports.Api;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using VillageReports.Catalog;
using VillageReports.Delivery;
using VillageReports.Health;
using VillageReports.Storage;
using VillageReports.Reminders;
using VillageReports.Reports;
using VillageReports.SignIn;
using VillageReports.Spreadsheets;
using VillageReports.Submissions;
using VillageReports.Targets;
using VillageReports.Units;
using VillageReports.Web;

namespace VillageReports;

public static class VillageReportsServices
{
    /// <summary>Everything the functions need, for the Functions host and the local runner alike.</summary>
    public static IServiceCollection AddVillageReports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<VillageReportsOptions>().Bind(configuration.GetSection(VillageReportsOptions.Section))
            .Validate(o => VillageReportsOptions.AdminTokenProblem(o.AdminToken) is null, VillageReportsOptions.AdminTokenRule)
            .ValidateOnStart();
        services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(o =>
            o.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton(sp => sp.GetRequiredService<IOptions<VillageReportsOptions>>().Value.CatalogPath is { Length: > 0 } path
            ? LoadCatalogFile(path)
            : ElementCatalog.LoadEmbedded());

        services.AddSingleton(StorageNames.FromConfiguration(configuration));
        services.AddSingleton(_ => new StorageConnection(configuration));
        services.AddSingleton(sp => sp.GetRequiredService<StorageConnection>().CreateTableServiceClient());
        services.AddSingleton(sp => sp.GetRequiredService<StorageConnection>().CreateBlobServiceClient());
        services.AddSingleton(sp => sp.GetRequiredService<StorageConnection>().CreateQueueServiceClient());
        services.AddSingleton<StorageResources>();

        services.AddSingleton<UnitStore>();
        services.AddSingleton<TokenCache>();
        services.AddSingleton<UnitCache>();
        services.AddSingleton<TokenStore>();
        services.AddSingleton<Authenticator>();
        services.AddSingleton<UnitService>();
        services.AddSingleton<ApiRequest>();
        services.AddSingleton<RequestScopes>();

        services.AddSingleton<SubmissionStore>();
        services.AddSingleton(new ReportRowsCache());
        services.AddSingleton<PeriodStore>();
        services.AddSingleton<MonthLocks>();
        services.AddSingleton<SubmissionService>();
        services.AddSingleton<PeriodStatusService>();

        services.AddSingleton<TargetStore>();
        services.AddSingleton<TargetService>();

        services.AddSingleton<HealthService>();
        services.AddSingleton<SignInSheets>();
        services.AddSingleton<SpreadsheetService>();
        services.AddSingleton<ImportService>();

        services.AddOptions<ReminderOptions>().Bind(configuration.GetSection(ReminderOptions.Section));
        services.AddSingleton<ReminderStore>();
        services.AddSingleton<ReminderSettingsService>();
        services.AddSingleton<ReminderScheduler>();
        services.AddSingleton<ReminderSender>();
        services.AddSingleton<RobotClient>();
        services.AddHttpClient(RobotClient.Client)
            .ConfigurePrimaryHttpMessageHandler(sp => PublicAddresses.Handler(sp.GetRequiredService<IOptions<ReminderOptions>>().Value.AllowLoopback));
        services.AddSingleton(_ => WebAssets.FromAppDirectory());

        services.AddSingleton<JobSender>();
        services.AddSingleton<ReportDataLoader>();
        services.AddSingleton<ReportStore>();
        services.AddSingleton(sp => new AnnualNarrative(sp.GetRequiredService<IOptions<VillageReportsOptions>>().Value.AnnualTemplatePath));
        services.AddSingleton<ReportRenderer>();
        services.AddOptions<ReportWarmUpOptions>().Bind(configuration.GetSection(ReportWarmUpOptions.Section));
        services.AddSingleton<ReportWarmUp>();
        services.AddHostedService(sp => sp.GetRequiredService<ReportWarmUp>());
        services.AddSingleton<AnnualTemplates>();
        services.AddSingleton<ApprovalStore>();
        services.AddSingleton<ApprovalService>();
        services.AddSingleton<ReportRequests>();
        services.AddSingleton<ReportAssembler>();
        services.AddSingleton<ReportLibrary>();

        services.AddOptions<DeliveryOptions>().Bind(configuration.GetSection(DeliveryOptions.Section));
        services.AddSingleton<DeliveryStore>();
        services.AddSingleton<DeliveryService>();
        services.AddTransient<AttemptRecorder>();
        var webhook = services.AddHttpClient(DeliveryService.WebhookClient);
        webhook.AddResilienceHandler("county-webhook", (pipeline, context) =>
            {
                // Retries with exponential backoff on 5xx, 408, 429, timeouts and connection failures (the library's defaults).
                var delivery = context.ServiceProvider.GetRequiredService<IOptions<DeliveryOptions>>().Value;
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = Math.Max(0, delivery.MaxAttempts - 1),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = delivery.FirstRetryDelay,
                });
                pipeline.AddTimeout(delivery.AttemptTimeout);
            });

        // Added after the resilience handler, so it is inside it and sees every try.
        webhook.AddHttpMessageHandler<AttemptRecorder>();
        return services;
    }

    private static ElementCatalog LoadCatalogFile(string path)
    {
        using var stream = File.OpenRead(path);
        return ElementCatalog.Load(stream, path);
    }
}
