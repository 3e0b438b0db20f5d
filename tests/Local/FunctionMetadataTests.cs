using System.Text.Json;
using VillageReports.Local;

namespace VillageReports.Tests.Local;

/// <summary>
/// The Functions host reads functions.metadata, written by the worker SDK at build time; the local runner reads the
/// attributes. These tests hold both to the API the SPEC promises.
/// </summary>
public class FunctionMetadataTests
{
    private static readonly Lazy<List<JsonElement>> Metadata = new(() =>
    {
        var path = Path.Combine(RepositoryRoot(), "functions", "bin", BuildConfiguration, "net10.0", "functions.metadata");
        Assert.True(File.Exists(path), $"{path} was not written by the build");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement.EnumerateArray().ToList();
    });

#if DEBUG
    private const string BuildConfiguration = "Debug";
#else
    private const string BuildConfiguration = "Release";
#endif

    public static TheoryData<string, string, string> HttpFunctions => new()
    {
        { "GetCatalog", "get", "api/catalog" },
        { "PutTown", "put", "api/towns/{town}" },
        { "GetTown", "get", "api/towns/{town}" },
        { "IssueToken", "post", "api/units/{unit}/tokens" },
        { "RevokeTokens", "delete", "api/units/{unit}/tokens" },
        { "PutSubmission", "put", "api/units/{unit}/submissions/{period}" },
        { "GetSubmission", "get", "api/units/{unit}/submissions/{period}" },
        { "ListRevisions", "get", "api/units/{unit}/submissions/{period}/revisions" },
        { "GetPeriodStatus", "get", "api/towns/{town}/periods/{period}/status" },
        { "ExportPeriodCsv", "get", "api/towns/{town}/periods/{period}/export.csv" },
        { "ExportPeriodXlsx", "get", "api/towns/{town}/periods/{period}/export.xlsx" },
        { "ExportYearCsv", "get", "api/towns/{town}/years/{year}/export.csv" },
        { "ExportYearXlsx", "get", "api/towns/{town}/years/{year}/export.xlsx" },
        { "GetWorkbook", "get", "api/towns/{town}/periods/{period}/workbook" },
        { "PostImport", "post", "api/towns/{town}/periods/{period}/imports" },
        { "GetUnitWorkbook", "get", "api/units/{unit}/submissions/{period}/workbook" },
        { "PutTargets", "put", "api/towns/{town}/targets/{year}" },
        { "GetTargets", "get", "api/towns/{town}/targets/{year}" },
        { "RequestReport", "post", "api/towns/{town}/reports/{kind}/{period}" },
        { "ListReports", "get", "api/towns/{town}/reports" },
        { "DownloadReport", "get", "api/towns/{town}/reports/{kind}/{period}" },
        { "ListDeliveries", "get", "api/towns/{town}/deliveries" },
        { "PutAnnualTemplate", "put", "api/towns/{town}/templates/annual" },
        { "GetAnnualTemplate", "get", "api/towns/{town}/templates/annual" },
        { "GetHealth", "get", "api/health" },
        { "GetForm", "get", "api/units/{unit}/form/{period}" },
        { "GetOverview", "get", "api/towns/{town}/overview" },
        { "ApproveReport", "post", "api/towns/{town}/approvals/{kind}/{period}" },
        { "WithdrawApproval", "delete", "api/towns/{town}/approvals/{kind}/{period}" },
        { "PrintSignInSheet", "post", "api/towns/{town}/signin-sheet" },
        { "PutReminders", "put", "api/towns/{town}/reminders" },
        { "GetReminders", "get", "api/towns/{town}/reminders" },
        { "ListRemindersSent", "get", "api/towns/{town}/reminders/sent" },
        { "RunReminders", "post", "api/towns/{town}/reminders/run" },
    };

    [Theory]
    [InlineData("EnqueueMonthlyReports", "%MonthlyReportSchedule%")]
    [InlineData("EnqueueAnnualReports", "%AnnualReportSchedule%")]
    [InlineData("EnqueueReminders", "%ReminderSchedule%")]
    public void Timers_take_their_schedule_from_a_setting_and_do_not_run_on_startup(string name, string schedule)
    {
        var trigger = Trigger(name);

        Assert.Equal("timerTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal(schedule, trigger.GetProperty("schedule").GetString());
        Assert.False(trigger.TryGetProperty("runOnStartup", out var onStartup) && onStartup.GetBoolean());
    }

    [Theory]
    [InlineData("AssembleReport", "%ReportJobsQueue%")]
    [InlineData("DeliverReport", "%DeliveryQueue%")]
    [InlineData("SendReminder", "%ReminderQueue%")]
    public void Queue_functions_read_the_data_accounts_queue_named_by_a_setting(string name, string queue)
    {
        var trigger = Trigger(name);

        Assert.Equal("queueTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal(queue, trigger.GetProperty("queueName").GetString());
        Assert.Equal("Storage", trigger.GetProperty("connection").GetString());
    }

    [Fact]
    public void The_default_schedules_run_at_two_in_the_morning_china_time()
    {
        var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "local.settings.sample.json"))).RootElement.GetProperty("Values");
        var monthly = TimerSchedule.Parse(settings.GetProperty("MonthlyReportSchedule").GetString()!);
        var annual = TimerSchedule.Parse(settings.GetProperty("AnnualReportSchedule").GetString()!);
        var china = TimeSpan.FromHours(8);

        var nextMonthly = monthly.Next(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        var nextAnnual = annual.Next(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 11, 6, 2, 0, 0, china), nextMonthly.ToOffset(china));
        Assert.Equal(new DateTimeOffset(2027, 1, 10, 2, 0, 0, china), nextAnnual.ToOffset(china));
        var reminders = TimerSchedule.Parse(settings.GetProperty("ReminderSchedule").GetString()!);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 9, 0, 0, china), reminders.Next(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)).ToOffset(china));
    }

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public void Each_http_function_is_declared_with_its_method_and_route(string name, string method, string route)
    {
        var trigger = Trigger(name);

        Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString());
    }

    [Fact]
    public void The_web_app_and_unknown_api_addresses_are_caught_below_every_api_route()
    {
        var app = Trigger("ServeWebApp");
        var unknown = Trigger("UnknownRoute");

        // The host may match routes in any order: the catch-alls' constraints must refuse every real route's address.
        var webApp = new System.Text.RegularExpressions.Regex(Constraint(app.GetProperty("route").GetString()!));
        var unknownApi = new System.Text.RegularExpressions.Regex(Constraint(unknown.GetProperty("route").GetString()!));
        Assert.Equal(["get", "head"], app.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.StartsWith("api/{*path:", unknown.GetProperty("route").GetString(), StringComparison.Ordinal);
        var routes = Metadata.Value.Select(f => f.GetProperty("bindings")[0])
            .Where(b => b.GetProperty("type").GetString() == "httpTrigger")
            .Select(b => b.GetProperty("route").GetString()!)
            .Where(r => !r.Contains("{*", StringComparison.Ordinal) && r.Length > 0)
            .ToList();
        Assert.All(routes, r => Assert.StartsWith("api/", r, StringComparison.Ordinal));
        Assert.All(routes, r => Assert.DoesNotMatch(webApp, Example(r)));
        Assert.All(routes, r => Assert.DoesNotMatch(unknownApi, Example(r)["api/".Length..]));
        Assert.Matches(webApp, "form/2026-10");
        Assert.Equal("", Trigger("ServeHome").GetProperty("route").GetString());
        Assert.Matches(unknownApi, "no-such-thing");
    }

    [Fact]
    public void The_host_and_the_local_runner_see_the_same_functions()
    {
        var declared = Metadata.Value.ConvertAll(f => f.GetProperty("name").GetString()!).Order(StringComparer.Ordinal);
        var scanned = FunctionIndex.Scan(typeof(VillageReportsServices).Assembly).Select(f => f.Name);

        Assert.Equal(declared, scanned);
    }

    [Fact]
    public void Every_trigger_the_host_reads_is_the_one_the_local_runner_reads()
    {
        var declared = Metadata.Value.ConvertAll(f =>
        {
            var trigger = Trigger(f.GetProperty("name").GetString()!);
            var settings = trigger.EnumerateObject()
                .Where(p => p.Name is not ("name" or "type" or "direction" or "properties"))
                .Select(p => $"{p.Name}={(p.Value.ValueKind == JsonValueKind.Array ? "[" + string.Join(",", p.Value.EnumerateArray().Select(v => v.GetString())) + "]" : p.Value.ToString())}");
            return Describe(f.GetProperty("name").GetString()!, f.GetProperty("entryPoint").GetString()!, trigger.GetProperty("type").GetString()!, trigger.GetProperty("name").GetString()!, settings);
        });

        var scanned = FunctionIndex.Scan(typeof(VillageReportsServices).Assembly).Select(f => Describe(
            f.Name, $"{f.Class.FullName}.{f.Method.Name}", f.Trigger switch
            {
                TriggerKind.Http => "httpTrigger",
                TriggerKind.Timer => "timerTrigger",
                _ => "queueTrigger",
            },
            f.TriggerParameter.Name!, TriggerSettings(f))).ToList();

        var onlyInMetadata = declared.Except(scanned).ToList();
        var onlyInRunner = scanned.Except(declared).ToList();
        Assert.True(onlyInMetadata.Count == 0 && onlyInRunner.Count == 0,
            $"functions.metadata says:\n  {string.Join("\n  ", onlyInMetadata)}\nthe local runner reads:\n  {string.Join("\n  ", onlyInRunner)}");
        Assert.Equal(declared.Count, scanned.Count);
    }

    /// <summary>The settings the local runner acts on, named as the worker SDK writes them into functions.metadata.</summary>
    private static IEnumerable<string> TriggerSettings(FunctionEntry function)
    {
        switch (function.Trigger)
        {
            case TriggerKind.Http:
                yield return $"authLevel={function.Http.AuthLevel}";
                if (function.Http.Methods is { } methods)
                {
                    yield return $"methods=[{string.Join(",", methods)}]";
                }

                if (function.Http.Route is { } route)
                {
                    yield return $"route={route}";
                }

                break;
            case TriggerKind.Timer:
                yield return $"schedule={function.Timer.Schedule}";
                if (function.Timer.RunOnStartup)
                {
                    yield return "runOnStartup=true";
                }

                break;
            case TriggerKind.Queue:
                yield return $"queueName={function.Queue.QueueName}";
                if (function.Queue.Connection is { } connection)
                {
                    yield return $"connection={connection}";
                }

                break;
        }
    }

    private static string Describe(string name, string entryPoint, string type, string parameter, IEnumerable<string> settings) =>
        $"{name} {entryPoint} {type}({parameter}) {string.Join(" ", settings.Order(StringComparer.Ordinal))}";

    [Fact]
    public void Every_function_runs_in_the_isolated_worker()
    {
        Assert.All(Metadata.Value, f =>
        {
            Assert.Equal("dotnet-isolated", f.GetProperty("language").GetString());
            Assert.Equal("VillageReports.Functions.dll", f.GetProperty("scriptFile").GetString());
        });
    }

    [Fact]
    public void The_host_json_has_no_route_prefix_so_the_web_app_is_at_the_root_and_the_api_under_api()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "host.json")));

        Assert.Equal("2.0", host.RootElement.GetProperty("version").GetString());
        Assert.Equal("", host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }

    private static string Constraint(string route) => route[(route.IndexOf(":regex(", StringComparison.Ordinal) + ":regex(".Length)..^2];

    /// <summary>A concrete address of a route template: each {parameter} filled in.</summary>
    private static string Example(string route) => System.Text.RegularExpressions.Regex.Replace(route, "{[^}]+}", "130123100000");

    internal static JsonElement Trigger(string function)
    {
        var entry = Metadata.Value.SingleOrDefault(f => f.GetProperty("name").GetString() == function);
        Assert.True(entry.ValueKind == JsonValueKind.Object, $"{function} is not in functions.metadata");
        return entry.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "host.json")) && Directory.Exists(Path.Combine(dir.FullName, "functions")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Repository root not found above " + AppContext.BaseDirectory);
    }
}
