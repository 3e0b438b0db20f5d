using System.Net;
using Microsoft.Extensions.DependencyInjection;
using VillageReports.Tests.Support;

namespace VillageReports.Tests.Units;

/// <summary>
/// The town office (a token of the town's own code) over HTTP: every town route works for its own town and is
/// refused, writing nothing, for another town; registering towns stays with the deployment admin.
/// </summary>
public class TownOfficeTests(LocalApp app) : IClassFixture<LocalApp>, IAsyncLifetime
{
    private const string OtherTown = "130123200000";
    private const string OtherVillage = "130123200201";
    private const string Figures = """{ "values": { "heating.heaters": 2 } }""";
    private const string Targets = """{ "targets": { "heating.heaters": 10 } }""";
    private string _office = "";

    public async Task InitializeAsync()
    {
        var other = $$"""{ "name": "白水镇", "county": "{{LocalApp.County}}", "villages": [{ "code": "{{OtherVillage}}", "name": "白水村" }] }""";
        (await app.SendAsync(HttpMethod.Put, $"/api/towns/{OtherTown}", LocalApp.AdminToken, other)).EnsureSuccessStatusCode();
        _office = await app.IssueTokenAsync(LocalApp.Town);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, string, string?, string?> Routes => new()
    {
        // method, route with {town} and {village}, body, content type
        { "GET", "/api/towns/{town}", null, null },
        { "GET", "/api/towns/{town}/periods/2026-10/status", null, null },
        { "PUT", "/api/towns/{town}/targets/2026", Targets, "application/json" },
        { "GET", "/api/towns/{town}/targets/2026", null, null },
        { "POST", "/api/towns/{town}/reports/monthly/2026-09", null, null },
        { "GET", "/api/towns/{town}/reports", null, null },
        { "GET", "/api/towns/{town}/deliveries", null, null },
        { "PUT", "/api/towns/{town}/templates/annual", "全镇工作平稳。", "text/plain" },
        { "GET", "/api/towns/{town}/templates/annual", null, null },
        { "PUT", "/api/units/{village}/submissions/2026-10", Figures, "application/json" },
        { "GET", "/api/units/{village}/submissions/2026-10/revisions", null, null },
        { "GET", "/api/units/{village}/form/2026-10", null, null },
        { "GET", "/api/towns/{town}/overview", null, null },
        { "POST", "/api/units/{village}/tokens", null, null },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task The_town_office_does_its_own_towns_work(string method, string route, string? body, string? type)
    {
        var response = await SendAsync(method, route, LocalApp.Town, LocalApp.Villages[0], body, type);

        Assert.True(response.IsSuccessStatusCode, $"{method} {route}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task The_town_office_is_refused_another_towns_work(string method, string route, string? body, string? type)
    {
        var response = await SendAsync(method, route, OtherTown, OtherVillage, body, type);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_refused_write_to_another_town_leaves_it_untouched()
    {
        await SendAsync("PUT", "/api/units/{village}/submissions/2026-10", OtherTown, OtherVillage, Figures, "application/json");
        await SendAsync("PUT", "/api/towns/{town}/targets/2026", OtherTown, OtherVillage, Targets, "application/json");
        await SendAsync("PUT", "/api/towns/{town}/templates/annual", OtherTown, OtherVillage, "改过的", "text/plain");

        var submission = await app.SendAsync(HttpMethod.Get, $"/api/units/{OtherVillage}/submissions/2026-10", LocalApp.AdminToken);
        var targets = await (await app.SendAsync(HttpMethod.Get, $"/api/towns/{OtherTown}/targets/2026", LocalApp.AdminToken)).JsonAsync();
        var template = await (await app.SendAsync(HttpMethod.Get, $"/api/towns/{OtherTown}/templates/annual", LocalApp.AdminToken)).Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.NotFound, submission.StatusCode);
        Assert.Empty(targets.GetProperty("targets").EnumerateObject());
        Assert.NotEqual("改过的", template);
    }

    [Fact]
    public async Task The_town_office_amends_a_locked_village_month_with_a_reason_and_is_recorded()
    {
        var village = LocalApp.Villages[1];
        (await app.PutSubmissionAsync(village, "2026-08", LocalApp.AdminToken, Figures)).EnsureSuccessStatusCode();
        await app.Services.GetRequiredService<VillageReports.Submissions.PeriodStore>().LockAsync(UnitCode.Parse(LocalApp.Town), new Period(2026, 8), default);

        var withoutReason = await app.PutSubmissionAsync(village, "2026-08", _office, """{ "values": { "heating.heaters": 3 } }""");
        var amended = await app.PutSubmissionAsync(village, "2026-08", _office, """{ "values": { "heating.heaters": 3 }, "reason": "村里漏报一台" }""");
        var byVillage = await app.PutSubmissionAsync(village, "2026-08", await app.IssueTokenAsync(village), """{ "values": { "heating.heaters": 4 }, "reason": "再改" }""");

        Assert.Equal(HttpStatusCode.BadRequest, withoutReason.StatusCode);
        Assert.Equal(HttpStatusCode.OK, amended.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, byVillage.StatusCode);
        var last = (await app.RevisionsAsync(village, "2026-08")).EnumerateArray().Last();
        Assert.Equal(LocalApp.Town, last.GetProperty("submittedBy").GetString());
        Assert.Equal(3, last.GetProperty("values").GetProperty("heating.heaters").GetInt32());
    }

    [Fact]
    public async Task Registering_a_town_stays_with_the_deployment_admin()
    {
        var response = await SendAsync("PUT", "/api/towns/{town}", LocalApp.Town, LocalApp.Villages[0], """{ "name": "x", "county": "130123000000", "villages": [] }""", "application/json");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(3, (await (await app.SendAsync(HttpMethod.Get, $"/api/towns/{LocalApp.Town}", LocalApp.AdminToken)).JsonAsync()).GetProperty("villages").GetArrayLength());
    }

    private Task<HttpResponseMessage> SendAsync(string method, string route, string town, string village, string? body, string? type) =>
        app.SendAsync(new HttpMethod(method), route.Replace("{town}", town, StringComparison.Ordinal).Replace("{village}", village, StringComparison.Ordinal), _office, body, type ?? "application/json");
}
