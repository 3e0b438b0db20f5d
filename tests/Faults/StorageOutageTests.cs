using System.Diagnostics;
using System.Net;
using VillageReports.Tests.Support;

namespace VillageReports.Tests.Faults;

/// <summary>Storage goes down and comes back: clear 503s meanwhile, villages keep reading, nothing lost or doubled.</summary>
public class StorageOutageTests(OutageApp app) : IClassFixture<OutageApp>
{
    private const string Body = """{ "values": { "heating.heaters": 7 }, "comment": "十月" }""";

    // Every kind of route the town office and the villages use, each of which needs storage.
    private static readonly (string Method, string Route, string? Body)[] StorageRoutes =
    [
        ("GET", $"/api/towns/{LocalApp.Town}", null),
        ("GET", $"/api/towns/{LocalApp.Town}/periods/2026-10/status", null),
        ("PUT", $"/api/towns/{LocalApp.Town}/targets/2026", """{ "targets": { "heating.heaters": 10 } }"""),
        ("GET", $"/api/towns/{LocalApp.Town}/reports", null),
        ("GET", $"/api/towns/{LocalApp.Town}/reports/monthly/2026-09", null),
        ("POST", $"/api/towns/{LocalApp.Town}/reports/monthly/2026-09", null),
        ("GET", $"/api/towns/{LocalApp.Town}/deliveries", null),
        ("GET", $"/api/units/{LocalApp.Villages[1]}/submissions/2026-10", null),
        ("PUT", $"/api/units/{LocalApp.Villages[1]}/submissions/2026-10", Body),
        ("POST", $"/api/units/{LocalApp.Villages[1]}/tokens", null),
    ];

    [Fact]
    public async Task An_outage_answers_503_with_retry_after_keeps_known_villages_reading_and_heals_without_a_second_revision()
    {
        var village = LocalApp.Villages[0];
        var token = await app.IssueTokenAsync(village);
        Assert.Equal(HttpStatusCode.OK, (await app.SendAsync(HttpMethod.Get, "/api/catalog", token)).StatusCode);

        await app.Storage.StopAsync();
        var watch = Stopwatch.StartNew();
        var during = await app.PutSubmissionAsync(village, "2026-10", token, Body);
        var answeredIn = watch.Elapsed;
        var catalog = await app.SendAsync(HttpMethod.Get, "/api/catalog", token);
        var health = await app.SendAsync(HttpMethod.Get, "/api/health", null);

        await app.Storage.StartAsync();
        var retried = await app.PutSubmissionAsync(village, "2026-10", token, Body);
        var retriedAgain = await app.PutSubmissionAsync(village, "2026-10", token, Body);
        var healed = await app.SendAsync(HttpMethod.Get, "/api/health", null);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        Assert.Equal("application/problem+json", during.Content.Headers.ContentType?.MediaType);
        Assert.Equal("urn:village-reports:problem:storage-unavailable", (await during.JsonAsync()).GetProperty("type").GetString());
        Assert.True(during.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After in seconds");
        Assert.True(answeredIn < TimeSpan.FromSeconds(20), $"the 503 took {answeredIn}: a client would have given up");
        Assert.Equal(HttpStatusCode.OK, catalog.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retriedAgain.StatusCode);
        Assert.Equal(1, (await retriedAgain.JsonAsync()).GetProperty("revision").GetInt32());
        Assert.Equal(1, (await app.RevisionsAsync(village, "2026-10")).GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, healed.StatusCode);
    }

    [Fact]
    public async Task No_route_answers_a_bare_500_while_storage_is_down()
    {
        await app.Storage.StopAsync();
        var answers = new List<(string Route, HttpStatusCode Status, string? Type, string Body)>();
        try
        {
            foreach (var (method, route, body) in StorageRoutes)
            {
                var response = await app.SendAsync(new HttpMethod(method), route, LocalApp.AdminToken, body);
                answers.Add(($"{method} {route}", response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync()));
            }
        }
        finally
        {
            await app.Storage.StartAsync();
        }

        Assert.All(answers, a =>
        {
            Assert.True(a.Status == HttpStatusCode.ServiceUnavailable, $"{a.Route}: {(int)a.Status} {a.Body}");
            Assert.Equal("application/problem+json", a.Type);
        });
    }
}
