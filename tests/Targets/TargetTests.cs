using System.Net;
using VillageReports.Tests.Support;

namespace VillageReports.Tests.Targets;

public class TargetTests(LocalApp app) : IClassFixture<LocalApp>
{
    private static string Path(string year = "2026") => $"/api/towns/{LocalApp.Town}/targets/{year}";

    [Fact]
    public async Task The_town_office_sets_a_years_targets_and_reads_them_back_exactly()
    {
        var put = await app.SendAsync(HttpMethod.Put, Path(), LocalApp.AdminToken, """{ "targets": { "finance.tax_revenue": 4600.50, "investment.domestic": 6.5 } }""");
        var get = await (await app.SendAsync(HttpMethod.Get, Path(), LocalApp.AdminToken)).JsonAsync();

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(4600.50m, get.GetProperty("targets").GetProperty("finance.tax_revenue").GetDecimal());
        Assert.Equal(6.5m, get.GetProperty("targets").GetProperty("investment.domestic").GetDecimal());
    }

    [Fact]
    public async Task Unknown_elements_and_non_positive_targets_are_refused_and_nothing_is_written()
    {
        var response = await app.SendAsync(HttpMethod.Put, Path("2027"), LocalApp.AdminToken, """{ "targets": { "no.such": 1, "heating.heaters": 0, "births.male": "9" } }""");
        var after = await (await app.SendAsync(HttpMethod.Get, Path("2027"), LocalApp.AdminToken)).JsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(3, (await response.JsonAsync()).GetProperty("errors").EnumerateObject().Count());
        Assert.Empty(after.GetProperty("targets").EnumerateObject());
    }

    [Theory]
    [InlineData("26")]
    [InlineData("2026-01")]
    [InlineData("abcd")]
    public async Task A_bad_year_returns_400(string year)
    {
        var response = await app.SendAsync(HttpMethod.Get, Path(year), LocalApp.AdminToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_village_cannot_set_targets()
    {
        var token = await app.IssueTokenAsync(LocalApp.Villages[0]);

        var response = await app.SendAsync(HttpMethod.Put, Path(), token, """{ "targets": { "heating.heaters": 10 } }""");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
