using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VillageReports.Reports;
using VillageReports.Tests.Delivery;
using VillageReports.Tests.Support;

namespace VillageReports.Tests.Reports;

/// <summary>A town that requires approval (审核): its versions reach the county only once the town office approves them.</summary>
public class ApprovalTests(WebhookApp app) : IClassFixture<WebhookApp>, IAsyncLifetime
{
    private string _office = "";

    public async Task InitializeAsync()
    {
        var town = JsonSerializer.Serialize(new
        {
            name = "青山镇",
            county = LocalApp.County,
            villages = LocalApp.Villages.Select((v, i) => new { code = v, name = $"第{i + 1}村" }),
            requireApproval = true,
        });
        (await app.SendAsync(HttpMethod.Put, $"/api/towns/{LocalApp.Town}", LocalApp.AdminToken, town)).EnsureSuccessStatusCode();
        _office = await app.IssueTokenAsync(LocalApp.Town);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private ReportAssembler Assembler => app.Services.GetRequiredService<ReportAssembler>();

    private Task<HttpResponseMessage> ApproveAsync(string period, string? body = null) =>
        app.SendAsync(HttpMethod.Post, $"/api/towns/{LocalApp.Town}/approvals/monthly/{period}", _office, body);

    private async Task<JsonElement> ListingEntryAsync(string period, int version) =>
        (await (await app.SendAsync(HttpMethod.Get, $"/api/towns/{LocalApp.Town}/reports", _office)).JsonAsync())
            .GetProperty("reports").EnumerateArray().Single(r => r.GetProperty("period").GetString() == period && r.GetProperty("version").GetInt32() == version);

    private async Task<bool> ApprovedInStatusAsync(string period) =>
        (await (await app.SendAsync(HttpMethod.Get, $"/api/towns/{LocalApp.Town}/periods/{period}/status", _office)).JsonAsync()).GetProperty("approved").GetBoolean();

    [Fact]
    public async Task A_version_waits_for_approval_is_delivered_once_approved_and_a_new_version_needs_its_own()
    {
        var village = LocalApp.Villages[0];
        (await app.PutSubmissionAsync(village, "2026-06", LocalApp.AdminToken, """{ "values": { "heating.heaters": 3 } }""")).EnsureSuccessStatusCode();
        await Assembler.AssembleAsync(new ReportJob(LocalApp.Town, "monthly", "2026-06"), default);
        await Task.Delay(1000);

        Assert.DoesNotContain(app.Calls, c => c.Period == "2026-06");
        Assert.Equal("awaiting", (await ListingEntryAsync("2026-06", 1)).GetProperty("approval").GetString());

        var approved = await ApproveAsync("2026-06", """{ "comment": "数据已核对" }""");
        await Eventually.WaitUntilAsync(() => Task.FromResult(app.Calls.Any(c => c.Period == "2026-06")), "the county notice");
        var again = await ApproveAsync("2026-06");
        await Assembler.AssembleAsync(new ReportJob(LocalApp.Town, "monthly", "2026-06"), default);
        await Task.Delay(1000);

        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var approval = await approved.JsonAsync();
        Assert.Equal(LocalApp.Town, approval.GetProperty("approvedBy").GetString());
        Assert.Equal("数据已核对", approval.GetProperty("comment").GetString());
        Assert.Equal(1, approval.GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single(app.Calls, c => c.Period == "2026-06");
        var entry = await ListingEntryAsync("2026-06", 1);
        Assert.Equal("approved", entry.GetProperty("approval").GetString());
        Assert.True(await ApprovedInStatusAsync("2026-06"));
        Assert.Equal("approved", (await (await app.SendAsync(HttpMethod.Get, $"/api/units/{village}/form/2026-06", LocalApp.AdminToken)).JsonAsync()).GetProperty("state").GetString());

        // An amendment makes version 2, which waits for its own approval.
        (await app.PutSubmissionAsync(village, "2026-06", _office, """{ "values": { "heating.heaters": 4 }, "reason": "漏报一台" }""")).EnsureSuccessStatusCode();
        var second = await Assembler.AssembleAsync(new ReportJob(LocalApp.Town, "monthly", "2026-06"), default);
        await Task.Delay(1000);

        Assert.Equal(2, second.Version!.Version);
        Assert.Single(app.Calls, c => c.Period == "2026-06");
        Assert.Equal("awaiting", (await ListingEntryAsync("2026-06", 2)).GetProperty("approval").GetString());
        Assert.False(await ApprovedInStatusAsync("2026-06"));
        (await ApproveAsync("2026-06")).EnsureSuccessStatusCode();
        await Eventually.WaitUntilAsync(() => Task.FromResult(app.Calls.Count(c => c.Period == "2026-06") == 2), "the second notice");
        Assert.Equal(2, app.Calls.Last(c => c.Period == "2026-06").Json.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Approval_locks_the_month_for_villages()
    {
        var village = LocalApp.Villages[1];
        var token = await app.IssueTokenAsync(village);
        (await app.PutSubmissionAsync(village, "2026-05", token, """{ "values": { "heating.heaters": 1 } }""")).EnsureSuccessStatusCode();
        await Assembler.AssembleAsync(new ReportJob(LocalApp.Town, "monthly", "2026-05"), default);

        (await ApproveAsync("2026-05")).EnsureSuccessStatusCode();
        var late = await app.PutSubmissionAsync(village, "2026-05", token, """{ "values": { "heating.heaters": 2 } }""");

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
    }

    [Fact]
    public async Task A_withdrawn_approval_sends_nothing_and_withdrawing_needs_a_reason_and_an_undelivered_version()
    {
        (await app.PutSubmissionAsync(LocalApp.Villages[2], "2026-04", LocalApp.AdminToken, """{ "values": { "heating.heaters": 2 } }""")).EnsureSuccessStatusCode();
        var version = (await Assembler.AssembleAsync(new ReportJob(LocalApp.Town, "monthly", "2026-04"), default)).Version!;
        // Approved and withdrawn before the queue ran: stored as the service would leave it.
        var store = app.Services.GetRequiredService<ApprovalStore>();
        await store.SaveAsync(new Approval(version.Town, version.Report, 1, LocalApp.Town, DateTimeOffset.UtcNow, null, LocalApp.Town, DateTimeOffset.UtcNow, "数字有误"), default);

        await Assembler.AssembleAsync(new ReportJob(LocalApp.Town, "monthly", "2026-04"), default);
        await Task.Delay(1000);
        var withoutReason = await app.SendAsync(HttpMethod.Delete, $"/api/towns/{LocalApp.Town}/approvals/monthly/2026-04", _office);
        (await ApproveAsync("2026-04")).EnsureSuccessStatusCode();
        await Eventually.WaitUntilAsync(() => Task.FromResult(app.Calls.Any(c => c.Period == "2026-04")), "the notice");
        await Eventually.WaitUntilAsync(async () => (await ListingEntryAsync("2026-04", 1)).GetProperty("deliveryQueued").GetBoolean(), "the delivery mark");
        var afterDelivery = await app.SendAsync(HttpMethod.Delete, $"/api/towns/{LocalApp.Town}/approvals/monthly/2026-04", _office, """{ "reason": "晚了" }""");

        Assert.Equal(HttpStatusCode.BadRequest, withoutReason.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, afterDelivery.StatusCode);
        Assert.Equal("urn:village-reports:problem:already-delivered", (await afterDelivery.JsonAsync()).GetProperty("type").GetString());
        Assert.Single(app.Calls, c => c.Period == "2026-04");
    }

    [Fact]
    public async Task A_village_cannot_approve()
    {
        var token = await app.IssueTokenAsync(LocalApp.Villages[0]);

        var response = await app.SendAsync(HttpMethod.Post, $"/api/towns/{LocalApp.Town}/approvals/monthly/2026-03", token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
