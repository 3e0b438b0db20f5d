using System.Net;
using VillageReports.Tests.Support;

namespace VillageReports.Tests.Submissions;

public class GetPeriodStatusTests(LocalApp app) : IClassFixture<LocalApp>
{
    [Fact]
    public async Task Status_lists_each_expected_unit_as_on_time_late_or_missing()
    {
        await app.PutSubmissionAsync(LocalApp.Villages[0], "2026-09", LocalApp.AdminToken, """{ "values": { "births.male": 1 } }""");
        await app.PutSubmissionAsync(LocalApp.Villages[1], "2026-10", LocalApp.AdminToken, """{ "values": { "births.male": 1 } }""");

        var september = await (await app.SendAsync(HttpMethod.Get, $"/api/towns/{LocalApp.Town}/periods/2026-09/status", LocalApp.AdminToken)).JsonAsync();
        var october = await (await app.SendAsync(HttpMethod.Get, $"/api/towns/{LocalApp.Town}/periods/2026-10/status", LocalApp.AdminToken)).JsonAsync();

        Assert.Equal(4, september.GetProperty("expected").GetInt32());
        Assert.Equal(1, september.GetProperty("late").GetInt32());
        Assert.Equal(3, september.GetProperty("missing").GetInt32());
        Assert.Equal(1, october.GetProperty("onTime").GetInt32());
        Assert.Equal("2026-11-05", october.GetProperty("dueDate").GetString());
        var units = october.GetProperty("units").EnumerateArray().ToList();
        Assert.Equal(LocalApp.Town, units[0].GetProperty("unit").GetString());
        Assert.True(units.Single(u => u.GetProperty("unit").GetString() == LocalApp.Villages[1]).GetProperty("reported").GetBoolean());
    }

    [Fact]
    public async Task Status_is_for_the_admin_only()
    {
        var token = await app.IssueTokenAsync(LocalApp.Villages[0]);

        var response = await app.SendAsync(HttpMethod.Get, $"/api/towns/{LocalApp.Town}/periods/2026-10/status", token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Status_of_an_unknown_town_returns_404()
    {
        var response = await app.SendAsync(HttpMethod.Get, "/api/towns/130123999000/periods/2026-10/status", LocalApp.AdminToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
