using System.Net;
using Microsoft.Extensions.DependencyInjection;
using VillageReports.Submissions;
using VillageReports.Tests.Support;

namespace VillageReports.Tests.Submissions;

public class GetFormTests(LocalApp app) : IClassFixture<LocalApp>
{
    private static string Path(string unit, string period) => $"/api/units/{unit}/form/{period}";

    [Fact]
    public async Task The_form_brings_the_unit_its_state_its_current_figures_and_last_months_in_one_answer()
    {
        var village = LocalApp.Villages[0];
        var token = await app.IssueTokenAsync(village);
        (await app.PutSubmissionAsync(village, "2026-09", token, """{ "values": { "heating.heaters": 4 } }""")).EnsureSuccessStatusCode();
        (await app.PutSubmissionAsync(village, "2026-10", token, """{ "values": { "heating.heaters": 5 }, "comment": "十月" }""")).EnsureSuccessStatusCode();

        var response = await app.SendAsync(HttpMethod.Get, Path(village, "2026-10"), token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        var form = await response.JsonAsync();
        Assert.Equal("第1村", form.GetProperty("name").GetString());
        Assert.Equal("village", form.GetProperty("level").GetString());
        Assert.Equal("青山镇", form.GetProperty("townName").GetString());
        Assert.Equal("2026-11-05", form.GetProperty("dueDate").GetString());
        Assert.Equal("open", form.GetProperty("state").GetString());
        Assert.Equal(5, form.GetProperty("current").GetProperty("values").GetProperty("heating.heaters").GetInt32());
        Assert.Equal("十月", form.GetProperty("current").GetProperty("comment").GetString());
        Assert.Equal("2026-09", form.GetProperty("previous").GetProperty("period").GetString());
        Assert.Equal(4, form.GetProperty("previous").GetProperty("values").GetProperty("heating.heaters").GetInt32());
    }

    [Fact]
    public async Task A_month_past_its_due_date_is_late_a_reported_month_locked_and_next_month_future()
    {
        var village = LocalApp.Villages[1];
        await app.Services.GetRequiredService<PeriodStore>().LockAsync(UnitCode.Parse(LocalApp.Town), new Period(2026, 8), default);

        var late = await (await app.SendAsync(HttpMethod.Get, Path(village, "2026-09"), LocalApp.AdminToken)).JsonAsync();
        var locked = await (await app.SendAsync(HttpMethod.Get, Path(village, "2026-08"), LocalApp.AdminToken)).JsonAsync();
        var future = await (await app.SendAsync(HttpMethod.Get, Path(village, "2026-12"), LocalApp.AdminToken)).JsonAsync();

        Assert.Equal("late", late.GetProperty("state").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, late.GetProperty("current").ValueKind);
        Assert.Equal("locked", locked.GetProperty("state").GetString());
        Assert.Equal("future", future.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Another_villages_form_is_refused()
    {
        var token = await app.IssueTokenAsync(LocalApp.Villages[2]);

        var response = await app.SendAsync(HttpMethod.Get, Path(LocalApp.Villages[0], "2026-10"), token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
