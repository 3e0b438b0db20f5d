using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VillageReports.Submissions;
using VillageReports.Tests.Support;

namespace VillageReports.Tests.Submissions;

public class GetOverviewTests(LocalApp app) : IClassFixture<LocalApp>
{
    [Fact]
    public async Task The_grid_shows_each_unit_on_time_late_missing_or_open_for_each_month()
    {
        // The clock stands at 2026-11-03: September is past its due date, October is not yet due.
        var office = await app.IssueTokenAsync(LocalApp.Town);
        (await app.PutSubmissionAsync(LocalApp.Villages[0], "2026-08", LocalApp.AdminToken, """{ "values": { "heating.heaters": 1 } }""")).EnsureSuccessStatusCode();
        (await app.PutSubmissionAsync(LocalApp.Villages[0], "2026-10", LocalApp.AdminToken, """{ "values": { "heating.heaters": 2 } }""")).EnsureSuccessStatusCode();
        await app.Services.GetRequiredService<PeriodStore>().LockAsync(UnitCode.Parse(LocalApp.Town), new Period(2026, 8), default);

        var response = await app.SendAsync(HttpMethod.Get, $"/api/towns/{LocalApp.Town}/overview?through=2026-10&months=3", office);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var grid = await response.JsonAsync();
        Assert.Equal(["2026-08", "2026-09", "2026-10"], grid.GetProperty("periods").EnumerateArray().Select(p => p.GetProperty("period").GetString()));
        Assert.Equal([true, false, false], grid.GetProperty("periods").EnumerateArray().Select(p => p.GetProperty("locked").GetBoolean()));
        var units = grid.GetProperty("units").EnumerateArray().ToList();
        Assert.Equal(1 + LocalApp.Villages.Length, units.Count);
        Assert.Equal(LocalApp.Town, units[0].GetProperty("unit").GetString());
        var first = units.Single(u => u.GetProperty("unit").GetString() == LocalApp.Villages[0]);
        Assert.Equal(["late", "missing", "onTime"], States(first));
        Assert.Equal(["missing", "missing", "open"], States(units.Single(u => u.GetProperty("unit").GetString() == LocalApp.Villages[1])));
    }

    [Theory]
    [InlineData("?months=0")]
    [InlineData("?months=25")]
    [InlineData("?through=2026-13")]
    public async Task A_bad_span_is_refused(string query)
    {
        var response = await app.SendAsync(HttpMethod.Get, $"/api/towns/{LocalApp.Town}/overview{query}", LocalApp.AdminToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_village_cannot_see_the_grid()
    {
        var token = await app.IssueTokenAsync(LocalApp.Villages[2]);

        var response = await app.SendAsync(HttpMethod.Get, $"/api/towns/{LocalApp.Town}/overview", token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static IEnumerable<string?> States(JsonElement unit) =>
        unit.GetProperty("cells").EnumerateArray().Select(c => c.GetProperty("state").GetString());
}
