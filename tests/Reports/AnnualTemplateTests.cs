using System.Net;
using Microsoft.Extensions.DependencyInjection;
using VillageReports.Reports;
using VillageReports.Tests.Support;

namespace VillageReports.Tests.Reports;

public class AnnualTemplateTests(LocalApp app) : IClassFixture<LocalApp>
{
    private static readonly string Route = $"/api/towns/{LocalApp.Town}/templates/annual";

    private Task<HttpResponseMessage> PutAsync(string template, string? token = LocalApp.AdminToken, string type = "text/plain") =>
        app.SendAsync(HttpMethod.Put, Route, token, template, type);

    private async Task<AnnualReport> AssembleAsync(string year)
    {
        var outcome = await app.Services.GetRequiredService<ReportAssembler>().AssembleAsync(new ReportJob(LocalApp.Town, "annual", year), default);
        var blob = await app.ReportBlobAsync(outcome.Version!.JsonBlob);
        return (await blob.DownloadContentAsync()).Value.Content.ToObjectFromJson<AnnualReport>(ReportRenderer.FiguresJson)!;
    }

    [Fact]
    public async Task A_town_sets_its_own_wording_and_the_next_annual_report_uses_it_as_a_new_version()
    {
        await app.PutSubmissionAsync(LocalApp.Villages[0], "2025-06", LocalApp.AdminToken, """{ "values": { "heating.heaters": 7 } }""");
        var before = await AssembleAsync("2025");

        var put = await PutAsync("""{{ town }}{{ year }}年为困难群众配备电暖器{{ "heating.heaters" | figure }}。""");
        var after = await AssembleAsync("2025");
        var listing = await (await app.SendAsync(HttpMethod.Get, $"/api/towns/{LocalApp.Town}/reports", LocalApp.AdminToken)).JsonAsync();

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Contains(before.Narrative, p => p.Contains("抓学习", StringComparison.Ordinal));
        Assert.Equal(["青山镇2025年为困难群众配备电暖器7户。"], after.Narrative);
        Assert.Equal(2, listing.GetProperty("reports").EnumerateArray().Count(r => r.GetProperty("kind").GetString() == "annual"));
        Assert.Equal("""{{ town }}{{ year }}年为困难群众配备电暖器{{ "heating.heaters" | figure }}。""", await (await app.SendAsync(HttpMethod.Get, Route, LocalApp.AdminToken)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_template_that_names_an_unknown_code_is_refused_by_line_and_not_stored()
    {
        var response = await PutAsync("第一段\n\n第二段{{ \"heating.heater\" | figure }}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.JsonAsync()).GetProperty("errors").GetProperty("template")[0].GetString()!;
        Assert.Contains("line 3", message, StringComparison.Ordinal);
        Assert.Contains("heating.heater", message, StringComparison.Ordinal);
        Assert.DoesNotContain("heating.heater\"", await (await app.SendAsync(HttpMethod.Get, Route, LocalApp.AdminToken)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_admin_sets_a_template_and_only_as_text()
    {
        var token = await app.IssueTokenAsync(LocalApp.Villages[1]);

        Assert.Equal(HttpStatusCode.Forbidden, (await PutAsync("x", token)).StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await PutAsync("x", type: "application/json")).StatusCode);
    }
}
