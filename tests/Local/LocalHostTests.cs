using System.Net;
using Microsoft.Extensions.DependencyInjection;
using VillageReports.Local;
using VillageReports.Tests.Support;

namespace VillageReports.Tests.Local;

public class LocalHostTests
{
    [Fact]
    public async Task A_configured_admin_token_is_kept()
    {
        var settings = TestStorage.Settings(TestStorage.NewPrefix());
        settings[LocalHost.AdminTokenKey] = "configured-token-0123456789abcdef";

        await using var app = LocalHost.Build([], settings);

        Assert.Equal("configured-token-0123456789abcdef", app.Configuration[LocalHost.AdminTokenKey]);
    }

    [Fact]
    public async Task Without_one_a_random_admin_token_is_made_for_the_run()
    {
        Assert.True(string.IsNullOrEmpty(Environment.GetEnvironmentVariable("VillageReports__AdminToken")), "the test needs no admin token in the environment");

        await using var first = LocalHost.Build([], TestStorage.Settings(TestStorage.NewPrefix()));
        await using var second = LocalHost.Build([], TestStorage.Settings(TestStorage.NewPrefix()));

        Assert.StartsWith("admin-", first.Configuration[LocalHost.AdminTokenKey], StringComparison.Ordinal);
        Assert.Equal(38, first.Configuration[LocalHost.AdminTokenKey]!.Length);
        Assert.NotEqual(first.Configuration[LocalHost.AdminTokenKey], second.Configuration[LocalHost.AdminTokenKey]);
    }

    [Fact]
    public async Task The_queue_trigger_runs_with_the_host_json_shipped_beside_the_app()
    {
        await using var app = LocalHost.Build([], TestStorage.Settings(TestStorage.NewPrefix()));

        var queues = app.Services.GetRequiredService<QueueTriggerSettings>();

        Assert.Equal(4, queues.BatchSize);
        Assert.Equal(TimeSpan.FromSeconds(30), queues.VisibilityTimeout);
    }

    [Fact]
    public async Task Routes_live_under_the_route_prefix_host_json_gives()
    {
        var settings = TestStorage.Settings(TestStorage.NewPrefix());
        settings["urls"] = "http://127.0.0.1:0";
        settings["AzureFunctionsJobHost:extensions:http:routePrefix"] = "v1";
        await using var app = LocalHost.Build([], settings);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        using var prefixed = await http.GetAsync(new Uri("/v1/api/catalog", UriKind.Relative));
        using var api = await http.GetAsync(new Uri("/api/catalog", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, prefixed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        await app.StopAsync();
    }

    [Theory]
    [InlineData("0 0 18 L * *")]
    [InlineData("0 0 18 LW * *")]
    [InlineData("0 0 18 ? * 5#1")]
    [InlineData("every day")]
    public void A_schedule_azure_refuses_at_indexing_stops_the_runner_from_building(string schedule)
    {
        var settings = TestStorage.Settings(TestStorage.NewPrefix());
        settings["MonthlyReportSchedule"] = schedule;

        var refused = Assert.Throws<FormatException>(() => LocalHost.Build([], settings));

        Assert.Contains(schedule, refused.Message, StringComparison.Ordinal);
    }
}
