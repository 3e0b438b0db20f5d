using System.Net;
using VillageReports.Tests.Support;

namespace VillageReports.Tests.Units;

public class TownTests(LocalApp app) : IClassFixture<LocalApp>
{
    [Fact]
    public async Task A_village_of_another_town_is_refused_by_name()
    {
        const string body = """{ "name": "青山镇", "county": "130123000000", "villages": [ { "code": "130123200201", "name": "外镇村" } ] }""";

        var response = await app.SendAsync(HttpMethod.Put, $"/api/towns/{LocalApp.Town}", LocalApp.AdminToken, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("villages[0].code", out _));
    }

    [Fact]
    public async Task A_village_dropped_from_the_list_is_kept_inactive_with_its_history()
    {
        await app.PutSubmissionAsync(LocalApp.Villages[2], "2026-10", LocalApp.AdminToken, """{ "values": { "births.male": 1 } }""");
        var body = System.Text.Json.JsonSerializer.Serialize(new
        {
            name = "青山镇",
            county = LocalApp.County,
            villages = LocalApp.Villages.Take(2).Select(v => new { code = v, name = "村" }),
        });

        var response = await app.SendAsync(HttpMethod.Put, $"/api/towns/{LocalApp.Town}", LocalApp.AdminToken, body);
        var town = await (await app.SendAsync(HttpMethod.Get, $"/api/towns/{LocalApp.Town}", LocalApp.AdminToken)).JsonAsync();
        var status = await (await app.SendAsync(HttpMethod.Get, $"/api/towns/{LocalApp.Town}/periods/2026-10/status", LocalApp.AdminToken)).JsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var dropped = town.GetProperty("villages").EnumerateArray().Single(v => v.GetProperty("code").GetString() == LocalApp.Villages[2]);
        Assert.False(dropped.GetProperty("active").GetBoolean());
        Assert.Equal(3, status.GetProperty("expected").GetInt32());
        Assert.Equal(1, (await app.RevisionsAsync(LocalApp.Villages[2], "2026-10")).GetArrayLength());
    }

    [Fact]
    public async Task A_new_town_is_created_with_201_and_updated_with_200()
    {
        const string body = """{ "name": "白水镇", "county": "130123000000", "villages": [ { "code": "130123200201", "name": "上村" } ] }""";

        var created = await app.SendAsync(HttpMethod.Put, "/api/towns/130123200000", LocalApp.AdminToken, body);
        var updated = await app.SendAsync(HttpMethod.Put, "/api/towns/130123200000", LocalApp.AdminToken, body);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
    }

    [Fact]
    public async Task Only_the_admin_registers_towns()
    {
        var token = await app.IssueTokenAsync(LocalApp.Town);

        var response = await app.SendAsync(HttpMethod.Put, $"/api/towns/{LocalApp.Town}", token, """{ "name": "x", "county": "130123000000", "villages": [] }""");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_village_dropped_from_the_town_can_no_longer_post_but_the_office_reads_its_history()
    {
        var dropped = LocalApp.Villages[2];
        var token = await app.IssueTokenAsync(dropped);
        (await app.PutSubmissionAsync(dropped, "2026-09", token, """{ "values": { "heating.heaters": 1 } }""")).EnsureSuccessStatusCode();
        var kept = LocalApp.Villages.Take(2).Select((v, i) => new { code = v, name = $"第{i + 1}村" });
        (await app.SendAsync(HttpMethod.Put, $"/api/towns/{LocalApp.Town}", LocalApp.AdminToken, System.Text.Json.JsonSerializer.Serialize(new { name = "青山镇", county = LocalApp.County, villages = kept }))).EnsureSuccessStatusCode();

        var post = await app.PutSubmissionAsync(dropped, "2026-10", token, """{ "values": { "heating.heaters": 2 } }""");
        var history = await app.SendAsync(HttpMethod.Get, $"/api/units/{dropped}/submissions/2026-09", LocalApp.AdminToken);

        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal("urn:village-reports:problem:unit-inactive", (await post.JsonAsync()).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.OK, history.StatusCode);
    }
}
