using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using VillageReports.Tests.Reminders;
using VillageReports.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace VillageReports.Tests.Web;

/// <summary>催报 in the console: the town office sets its robot and sends today's reminder; the secret never comes back.</summary>
[Collection(BrowserTests.Name)]
public sealed class RemindersScreenTests(BrowserFixture browser, ReminderApp app) : IClassFixture<ReminderApp>, IAsyncLifetime
{
    private FakeRobots _robots = null!;

    public async Task InitializeAsync() => _robots = await FakeRobots.StartAsync();

    public async Task DisposeAsync() => await _robots.DisposeAsync();

    [Fact]
    public async Task The_office_sets_its_robot_and_sends_todays_reminder()
    {
        var town = await WebTown.RegisterAsync(app, "催报村", "按时村");
        await WebTown.PostAsync(app, town.Village(1), "2026-10", """{"values":{"renovation.wells":1}}""");
        await using var phone = await browser.PhoneAsync(app);
        await phone.SignInAsync(await app.IssueTokenAsync(town.Code), "/office/reminders");

        await phone.Page.GetByLabel("发送到").SelectOptionAsync("dingtalk");
        await phone.Page.GetByLabel("机器人地址（https）").FillAsync($"{_robots.BaseUrl}/dingtalk?access_token=t");
        await phone.Page.GetByLabel("密钥").FillAsync(FakeRobots.DingTalkSecret);
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "保存设置" }).ClickAsync();
        await Expect(phone.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("催报设置已保存");
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "立即发送今天的催报" }).ClickAsync();
        await Expect(phone.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("已排队发送");

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!_robots.Calls.Any(c => c.Robot == "dingtalk") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var call = Assert.Single(_robots.Calls, c => c.Robot == "dingtalk");
        Assert.True(call.SignatureValid);
        Assert.Contains("催报村", call.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("按时村", call.Text, StringComparison.Ordinal);
        await phone.Page.ReloadAsync();
        await Expect(phone.Page.Locator("li").Filter(new() { HasText = "2026-11-03" })).ToContainTextAsync("已发送");
        await Expect(phone.Page.GetByLabel("密钥")).ToHaveValueAsync("");
        var settings = await (await app.SendAsync(HttpMethod.Get, $"/api/towns/{town.Code}/reminders", LocalApp.AdminToken)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(settings.GetProperty("hasSecret").GetBoolean());
        await phone.ScreenAsync("30-office-reminders");
    }
}
