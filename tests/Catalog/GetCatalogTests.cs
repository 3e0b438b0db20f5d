using System.Net;
using VillageReports.Tests.Support;

namespace VillageReports.Tests.Catalog;

public class GetCatalogTests(LocalApp app) : IClassFixture<LocalApp>
{
    [Fact]
    public async Task A_unit_token_reads_elements_indicators_and_rules()
    {
        var token = await app.IssueTokenAsync(LocalApp.Villages[0]);

        var response = await app.SendAsync(HttpMethod.Get, "/api/catalog", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        var cameras = body.GetProperty("elements").EnumerateArray().Single(e => e.GetProperty("code").GetString() == "security.cameras");
        Assert.Equal("integer", cameras.GetProperty("type").GetString());
        Assert.Equal("stock", cameras.GetProperty("kind").GetString());
        Assert.Equal("village", cameras.GetProperty("reportedBy").GetString());
        Assert.Equal("个", cameras.GetProperty("unit").GetString());
        Assert.True(body.GetProperty("indicators").GetArrayLength() >= 4);
        Assert.True(body.GetProperty("rules").GetArrayLength() >= 3);
    }

    [Fact]
    public async Task Without_a_token_the_catalog_is_refused()
    {
        var response = await app.SendAsync(HttpMethod.Get, "/api/catalog", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
