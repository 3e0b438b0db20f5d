using System.Net;
using VillageReports.Tests.Support;

namespace VillageReports.Tests.Reports;

public class NoApprovalTests(LocalApp app) : IClassFixture<LocalApp>
{
    [Fact]
    public async Task A_town_that_did_not_opt_in_has_nothing_to_approve_and_its_listing_says_so()
    {
        (await app.PutSubmissionAsync(LocalApp.Villages[0], "2026-07", LocalApp.AdminToken, """{ "values": { "heating.heaters": 3 } }""")).EnsureSuccessStatusCode();
        (await app.SendAsync(HttpMethod.Post, $"/api/towns/{LocalApp.Town}/reports/monthly/2026-07", LocalApp.AdminToken)).EnsureSuccessStatusCode();

        var response = await app.SendAsync(HttpMethod.Post, $"/api/towns/{LocalApp.Town}/approvals/monthly/2026-07", LocalApp.AdminToken);
        var town = await (await app.SendAsync(HttpMethod.Get, $"/api/towns/{LocalApp.Town}", LocalApp.AdminToken)).JsonAsync();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("urn:village-reports:problem:approval-not-required", (await response.JsonAsync()).GetProperty("type").GetString());
        Assert.False(town.GetProperty("requireApproval").GetBoolean());
    }
}
