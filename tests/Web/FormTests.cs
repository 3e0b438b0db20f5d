using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using VillageReports.Submissions;
using VillageReports.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace VillageReports.Tests.Web;

/// <summary>The village clerk's form on a phone (SPEC "Web app", 填报), against the real app.</summary>
[Collection(BrowserTests.Name)]
public sealed class FormTests(BrowserFixture browser, LocalApp app) : IClassFixture<LocalApp>
{
    private async Task<(WebTown Town, Phone Phone)> ClerkAsync(string village, string? path = null)
    {
        var town = await WebTown.RegisterAsync(app, village);
        var phone = await browser.PhoneAsync(app);
        await phone.SignInAsync(await app.IssueTokenAsync(town.Village(0)), path ?? "/");
        await Expect(phone.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(village);
        return (town, phone);
    }

    private static ILocator Field(IPage page, string label) => page.GetByLabel(label, new() { Exact = true });

    /// <summary>The message shown in the same field box as the input.</summary>
    private static ILocator MessageBeside(IPage page, string label) =>
        page.Locator(".field").Filter(new() { Has = page.GetByLabel(label, new() { Exact = true }) }).Locator(".msg");

    [Fact]
    public async Task Figures_filled_in_and_submitted_become_the_first_revision_and_appear_in_the_history()
    {
        var (town, phone) = await ClerkAsync("桃园村");
        await using var closing = phone;

        await Field(phone.Page, "平安摄像头").FillAsync("24");
        await Field(phone.Page, "正常使用的摄像头").FillAsync("20");
        await Field(phone.Page, "新修村村通道路").FillAsync("1.25");
        await phone.Page.GetByLabel("备注（可不填）").FillAsync("本月新装4个");
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();

        await Expect(phone.Status).ToContainTextAsync("提交成功：第1版");
        var current = await WebTown.CurrentAsync(app, town.Village(0), "2026-10");
        Assert.NotNull(current);
        var values = current.Value.GetProperty("values");
        Assert.Equal(24, values.GetProperty("security.cameras").GetInt32());
        Assert.Equal(1.25m, values.GetProperty("roads.new_km").GetDecimal());
        Assert.False(values.TryGetProperty("security.volunteers", out _));
        Assert.Equal("本月新装4个", current.Value.GetProperty("comment").GetString());
        await phone.Page.GetByText("修改记录").ClickAsync();
        await Expect(phone.Page.Locator(".revision-list li")).ToContainTextAsync("第1版");
        await Expect(phone.Page.Locator(".revision-list li")).ToContainTextAsync("备注：本月新装4个");
        await phone.ScreenAsync("03-form-submitted");
        await phone.Page.Locator("details.revisions").ScrollIntoViewIfNeededAsync();
        await phone.ScreenAsync("04-form-revisions");
    }

    [Fact]
    public async Task A_fraction_for_a_count_is_shown_beside_its_field_and_nothing_is_sent()
    {
        var (town, phone) = await ClerkAsync("杏花村");
        await using var closing = phone;

        await Field(phone.Page, "平安志愿者").FillAsync("12.5");
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();

        await Expect(MessageBeside(phone.Page, "平安志愿者")).ToHaveTextAsync("请填写整数（单位：人）");
        await Expect(Field(phone.Page, "平安志愿者")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(phone.Status).ToContainTextAsync("有项目填写有误");
        Assert.Null(await WebTown.CurrentAsync(app, town.Village(0), "2026-10"));
        await phone.ScreenAsync("05-form-client-error");
    }

    [Fact]
    public async Task A_broken_rule_found_by_the_servers_dry_run_is_shown_beside_its_field()
    {
        var (town, phone) = await ClerkAsync("梨花村");
        await using var closing = phone;

        await Field(phone.Page, "平安摄像头").FillAsync("10");
        await Field(phone.Page, "正常使用的摄像头").FillAsync("15");

        await Expect(MessageBeside(phone.Page, "正常使用的摄像头")).ToHaveTextAsync("正常使用的摄像头不能多于摄像头总数");
        Assert.Null(await WebTown.CurrentAsync(app, town.Village(0), "2026-10"));
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
        await Expect(phone.Status).ToContainTextAsync("没有提交");
        Assert.Null(await WebTown.CurrentAsync(app, town.Village(0), "2026-10"));
        await phone.ScreenAsync("06-form-server-rule");
    }

    [Fact]
    public async Task A_value_far_from_last_months_is_warned_beside_its_field_and_still_accepted()
    {
        var town = await WebTown.RegisterAsync(app, "柳树村");
        await WebTown.PostAsync(app, town.Village(0), "2026-09", """{"values":{"heating.heaters":10}}""");
        await using var phone = await browser.PhoneAsync(app);
        await phone.SignInAsync(await app.IssueTokenAsync(town.Village(0)));
        await Expect(phone.Page.Locator(".field").Filter(new() { Has = Field(phone.Page, "发放电暖器") }).Locator(".prev")).ToHaveTextAsync("上月：10");

        await Field(phone.Page, "发放电暖器").FillAsync("95");

        await Expect(MessageBeside(phone.Page, "发放电暖器")).ToContainTextAsync("超过上月10的3倍");
        await phone.ScreenAsync("07-form-warning");
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
        await Expect(phone.Status).ToContainTextAsync("提交成功：第1版");
        await Expect(phone.Status).ToContainTextAsync("请核对");
        await Expect(MessageBeside(phone.Page, "发放电暖器")).ToContainTextAsync("超过上月10的3倍");
    }

    [Fact]
    public async Task Offline_the_draft_stays_on_the_phone_and_is_sent_when_the_network_is_back()
    {
        var (town, phone) = await ClerkAsync("枣林村");
        await using var closing = phone;
        await phone.Context.SetOfflineAsync(true);

        await Field(phone.Page, "打井").FillAsync("2");
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();

        await Expect(phone.Status).ToContainTextAsync("草稿已保存在这部手机上，恢复网络后会自动提交");
        await phone.ScreenAsync("08-form-offline");
        Assert.Null(await WebTown.CurrentAsync(app, town.Village(0), "2026-10"));
        await phone.Context.SetOfflineAsync(false);
        await Expect(phone.Status).ToContainTextAsync("提交成功：第1版");
        var current = await WebTown.CurrentAsync(app, town.Village(0), "2026-10");
        Assert.Equal(2, current!.Value.GetProperty("values").GetProperty("renovation.wells").GetInt32());
    }

    [Fact]
    public async Task A_draft_saved_on_the_phone_is_there_after_the_page_is_opened_again()
    {
        var (town, phone) = await ClerkAsync("槐树村");
        await using var closing = phone;

        await Field(phone.Page, "新发展党员").FillAsync("3");
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await Expect(phone.Status).ToContainTextAsync("草稿已保存在这部手机上");
        await phone.Page.ReloadAsync();

        await Expect(Field(phone.Page, "新发展党员")).ToHaveValueAsync("3");
        await Expect(phone.Status).ToContainTextAsync("已恢复这部手机上的草稿");
        Assert.Null(await WebTown.CurrentAsync(app, town.Village(0), "2026-10"));
    }

    [Fact]
    public async Task A_locked_month_tells_the_clerk_to_ask_the_town_office_and_offers_no_submit()
    {
        var town = await WebTown.RegisterAsync(app, "松林村");
        await app.Services.GetRequiredService<PeriodStore>().LockAsync(UnitCode.Parse(town.Code), new Period(2026, 9), CancellationToken.None);
        await using var phone = await browser.PhoneAsync(app);

        await phone.SignInAsync(await app.IssueTokenAsync(town.Village(0)), $"/fill/{town.Village(0)}/2026-09");

        await Expect(phone.Page.Locator("#period-state")).ToContainTextAsync("本月报表已生成并锁定，如需更正请联系镇办");
        await Expect(phone.Page.GetByRole(AriaRole.Button, new() { Name = "提交" })).ToHaveCountAsync(0);
        await Expect(Field(phone.Page, "打井")).ToHaveAttributeAsync("readonly", "");
        await phone.ScreenAsync("09-form-locked");
    }

    [Fact]
    public async Task A_month_locked_while_the_clerk_was_filling_in_answers_409_in_plain_words()
    {
        var (town, phone) = await ClerkAsync("竹林村");
        await using var closing = phone;
        await Field(phone.Page, "打井").FillAsync("1");
        await app.Services.GetRequiredService<PeriodStore>().LockAsync(UnitCode.Parse(town.Code), new Period(2026, 10), CancellationToken.None);

        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();

        await Expect(phone.Status).ToHaveTextAsync("本月报表已生成并锁定，如需更正请联系镇办");
        await Expect(phone.Page.Locator("#period-state")).ToContainTextAsync("已锁定");
        Assert.Null(await WebTown.CurrentAsync(app, town.Village(0), "2026-10"));
    }

    [Fact]
    public async Task A_change_saved_by_someone_else_meanwhile_is_refused_then_shown_beside_the_clerks_values()
    {
        var town = await WebTown.RegisterAsync(app, "榆树村");
        await WebTown.PostAsync(app, town.Village(0), "2026-10", """{"values":{"renovation.wells":1,"renovation.bridges":1}}""");
        await using var phone = await browser.PhoneAsync(app);
        await phone.SignInAsync(await app.IssueTokenAsync(town.Village(0)));
        await Expect(Field(phone.Page, "打井")).ToHaveValueAsync("1");
        await WebTown.PostAsync(app, town.Village(0), "2026-10", """{"values":{"renovation.wells":4,"renovation.bridges":1}}""");

        await Field(phone.Page, "打井").FillAsync("2");
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();

        await Expect(phone.Status).ToHaveTextAsync("数据已被他人修改");
        var difference = phone.Page.Locator("table.diff tbody tr");
        await Expect(difference).ToHaveCountAsync(1);
        await Expect(difference).ToHaveTextAsync("打井24");
        Assert.Equal(2, (await WebTown.CurrentAsync(app, town.Village(0), "2026-10"))!.Value.GetProperty("revision").GetInt32());
        await phone.Page.Locator(".conflict").ScrollIntoViewIfNeededAsync();
        await phone.ScreenAsync("10-form-stale");

        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();

        await Expect(phone.Status).ToContainTextAsync("更新成功：第3版");
        Assert.Equal(2, (await WebTown.CurrentAsync(app, town.Village(0), "2026-10"))!.Value.GetProperty("values").GetProperty("renovation.wells").GetInt32());
    }

    [Fact]
    public async Task Another_towns_office_is_refused_a_villages_form_and_writes_nothing()
    {
        var town = await WebTown.RegisterAsync(app, "杨树村");
        var other = await WebTown.RegisterAsync(app, "别镇村");
        await using var phone = await browser.PhoneAsync(app);

        await phone.SignInAsync(await app.IssueTokenAsync(other.Code), $"/fill/{town.Village(0)}/2026-10");

        await Expect(phone.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("无权");
        await Expect(phone.Page.GetByRole(AriaRole.Button, new() { Name = "提交" })).ToHaveCountAsync(0);
        Assert.Null(await WebTown.CurrentAsync(app, town.Village(0), "2026-10"));
        await phone.ScreenAsync("11-other-town-refused");
    }
}
