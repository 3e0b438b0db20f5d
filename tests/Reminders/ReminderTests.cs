using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VillageReports.Reminders;
using VillageReports.Submissions;
using VillageReports.Tests.Support;

namespace VillageReports.Tests.Reminders;

public sealed class ReminderApp : LocalApp
{
    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["VillageReports:Reminders:FirstRetryDelay"] = "00:00:00.010";
        settings["VillageReports:Reminders:MaxAttempts"] = "3";
        settings["VillageReports:Reminders:AllowLoopback"] = "true";
        settings["VillageReports:Delivery:PublicBaseUrl"] = "https://reports.example.cn";
    }
}

/// <summary>催报: the clock stands at 2026-11-03, two days before October is due on the 5th.</summary>
public class ReminderTests(ReminderApp app) : IClassFixture<ReminderApp>, IAsyncLifetime
{
    private FakeRobots _robots = null!;

    public async Task InitializeAsync() => _robots = await FakeRobots.StartAsync();

    public async Task DisposeAsync() => await _robots.DisposeAsync();

    private ReminderSender Sender => app.Services.GetRequiredService<ReminderSender>();

    /// <summary>A town of its own for each test: 白水镇 with three villages, the first of which has reported October.</summary>
    private async Task<string> TownAsync(string number, object reminders)
    {
        var town = $"130123{number}000";
        var villages = new[] { "东关村", "西关村", "石桥村" }.Select((name, i) => new { code = $"130123{number}{201 + i}", name }).ToList();
        (await app.SendAsync(HttpMethod.Put, $"/api/towns/{town}", LocalApp.AdminToken, JsonSerializer.Serialize(new { name = "白水镇", county = LocalApp.County, villages }))).EnsureSuccessStatusCode();
        (await app.PutSubmissionAsync(villages[0].code, "2026-10", LocalApp.AdminToken, """{ "values": { "heating.heaters": 1 } }""")).EnsureSuccessStatusCode();
        (await app.SendAsync(HttpMethod.Put, $"/api/towns/{town}/reminders", LocalApp.AdminToken, JsonSerializer.Serialize(reminders))).EnsureSuccessStatusCode();
        return town;
    }

    private static ReminderJob Today(string town) => new(town, "2026-11-03");

    [Fact]
    public async Task The_wecom_robot_gets_one_markdown_message_naming_who_has_not_reported_however_often_the_job_runs()
    {
        var town = await TownAsync("201", new { channel = "wecom", url = $"{_robots.BaseUrl}/wecom/key-201" });

        var first = await Sender.SendAsync(Today(town), default);
        var second = await Sender.SendAsync(Today(town), default);
        (await app.SendAsync(HttpMethod.Post, $"/api/towns/{town}/reminders/run", LocalApp.AdminToken)).EnsureSuccessStatusCode();
        await Task.Delay(1500);

        Assert.Equal(ReminderOutcome.Sent, first);
        Assert.Equal(ReminderOutcome.AlreadySent, second);
        var call = Assert.Single(_robots.Calls, c => c.Path == "/wecom/key-201");
        Assert.Equal("markdown", call.Body.GetProperty("msgtype").GetString());
        var content = call.Text;
        Assert.Contains("白水镇2026年10月村级月报催报", content, StringComparison.Ordinal);
        Assert.Contains("2026年11月5日", content, StringComparison.Ordinal);
        Assert.Contains("还有2天", content, StringComparison.Ordinal);
        Assert.Contains("尚未报送（3个）：白水镇（镇本级）、西关村、石桥村", content, StringComparison.Ordinal);
        Assert.DoesNotContain("东关村", content, StringComparison.Ordinal);
        Assert.Contains("https://reports.example.cn/#office", content, StringComparison.Ordinal);
        var sent = await (await app.SendAsync(HttpMethod.Get, $"/api/towns/{town}/reminders/sent", LocalApp.AdminToken)).JsonAsync();
        var record = Assert.Single(sent.GetProperty("reminders").EnumerateArray());
        Assert.Equal("sent", record.GetProperty("status").GetString());
        Assert.Equal("2026-10", record.GetProperty("period").GetString());
        Assert.Single(record.GetProperty("attempts").EnumerateArray());
    }

    [Fact]
    public async Task The_dingtalk_robot_gets_a_signed_markdown_message()
    {
        var town = await TownAsync("202", new { channel = "dingtalk", url = $"{_robots.BaseUrl}/dingtalk?access_token=abc", secret = FakeRobots.DingTalkSecret });

        var outcome = await Sender.SendAsync(Today(town), default);

        Assert.Equal(ReminderOutcome.Sent, outcome);
        var call = Assert.Single(_robots.Calls, c => c.Robot == "dingtalk");
        Assert.True(call.SignatureValid, call.Query);
        Assert.Contains("access_token=abc", call.Query, StringComparison.Ordinal);
        Assert.Equal("白水镇2026年10月村级月报催报", call.Body.GetProperty("markdown").GetProperty("title").GetString());
        Assert.Contains("石桥村", call.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusing_robot_is_retried_then_marked_failed_and_the_next_run_takes_over()
    {
        var town = await TownAsync("203", new { channel = "wecom", url = $"{_robots.BaseUrl}/refusing/3" });

        await Assert.ThrowsAsync<ReminderFailedException>(() => Sender.SendAsync(Today(town), default));
        var failed = (await (await app.SendAsync(HttpMethod.Get, $"/api/towns/{town}/reminders/sent", LocalApp.AdminToken)).JsonAsync()).GetProperty("reminders")[0];
        var retried = await Sender.SendAsync(Today(town), default);
        var sent = (await (await app.SendAsync(HttpMethod.Get, $"/api/towns/{town}/reminders/sent", LocalApp.AdminToken)).JsonAsync()).GetProperty("reminders")[0];

        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Equal(3, failed.GetProperty("attempts").GetArrayLength());
        Assert.Contains("93000", failed.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Equal(ReminderOutcome.Sent, retried);
        Assert.Equal("sent", sent.GetProperty("status").GetString());
        Assert.Equal(4, sent.GetProperty("attempts").GetArrayLength());
    }

    [Fact]
    public async Task No_reminder_on_a_day_not_set_nor_for_a_locked_month_but_every_day_after_the_due_day()
    {
        var town = await TownAsync("204", new { channel = "wecom", url = $"{_robots.BaseUrl}/wecom/key-204", days = new[] { -2, 0 } });

        var dayBefore = await Sender.SendAsync(new ReminderJob(town, "2026-11-04"), default);
        var dueDay = await Sender.SendAsync(new ReminderJob(town, "2026-11-05"), default);
        var dayAfter = await Sender.SendAsync(new ReminderJob(town, "2026-11-09"), default);
        await app.Services.GetRequiredService<PeriodStore>().LockAsync(UnitCode.Parse(town), new Period(2026, 10), default);
        var locked = await Sender.SendAsync(new ReminderJob(town, "2026-11-10"), default);

        Assert.Equal(ReminderOutcome.NotToday, dayBefore);
        Assert.Equal(ReminderOutcome.Sent, dueDay);
        Assert.Equal(ReminderOutcome.Sent, dayAfter);
        Assert.Equal(ReminderOutcome.Locked, locked);
        var contents = _robots.Calls.Where(c => c.Path == "/wecom/key-204").Select(c => c.Text).ToList();
        Assert.Equal(2, contents.Count);
        Assert.Contains(contents, c => c.Contains("今天截止", StringComparison.Ordinal));
        Assert.Contains(contents, c => c.Contains("已逾期4天", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_town_where_everyone_reported_gets_no_reminder()
    {
        var town = await TownAsync("205", new { channel = "wecom", url = $"{_robots.BaseUrl}/wecom/key-205" });
        foreach (var unit in new[] { town, "130123205202", "130123205203" })
        {
            (await app.PutSubmissionAsync(unit, "2026-10", LocalApp.AdminToken, unit == town ? """{ "values": { "finance.tax_revenue": 100 } }""" : """{ "values": { "heating.heaters": 1 } }""")).EnsureSuccessStatusCode();
        }

        Assert.Equal(ReminderOutcome.AllReported, await Sender.SendAsync(Today(town), default));
    }

    [Fact]
    public async Task Settings_refuse_plain_http_outside_loopback_and_never_return_the_secret()
    {
        var town = await TownAsync("206", new { channel = "dingtalk", url = $"{_robots.BaseUrl}/dingtalk", secret = "SEC-very-secret-value" });

        var plain = await app.SendAsync(HttpMethod.Put, $"/api/towns/{town}/reminders", LocalApp.AdminToken, """{ "channel": "wecom", "url": "http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x" }""");
        var unknown = await app.SendAsync(HttpMethod.Put, $"/api/towns/{town}/reminders", LocalApp.AdminToken, """{ "channel": "sms", "url": "https://example.cn" }""");
        var read = await app.SendAsync(HttpMethod.Get, $"/api/towns/{town}/reminders", LocalApp.AdminToken);
        var byVillage = await app.SendAsync(HttpMethod.Get, $"/api/towns/{town}/reminders", await app.IssueTokenAsync("130123206201"));

        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.SendAsync(HttpMethod.Put, $"/api/towns/{town}/reminders", LocalApp.AdminToken, """{ "channel": "wecom", "url": "ftp://example.cn/x" }""")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var text = await read.Content.ReadAsStringAsync();
        Assert.DoesNotContain("SEC-very-secret-value", text, StringComparison.Ordinal);
        Assert.True((await read.JsonAsync()).GetProperty("hasSecret").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, byVillage.StatusCode);
    }
}

public class PublicAddressesTests
{
    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.20.0.1", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("106.11.58.1", true)]
    [InlineData("2400:3200::1", true)]
    public void Only_public_addresses_are_robots(string address, bool isPublic) =>
        Assert.Equal(isPublic, PublicAddresses.IsPublic(System.Net.IPAddress.Parse(address)));
}

public class ReminderSettingsInDeploymentTests(LocalApp app) : IClassFixture<LocalApp>
{
    [Theory]
    [InlineData("http://127.0.0.1:8080/robot")]
    [InlineData("http://localhost/robot")]
    public async Task A_deployment_refuses_a_robot_on_this_machine(string url)
    {
        var response = await app.SendAsync(HttpMethod.Put, $"/api/towns/{LocalApp.Town}/reminders", LocalApp.AdminToken, JsonSerializer.Serialize(new { channel = "wecom", url }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
