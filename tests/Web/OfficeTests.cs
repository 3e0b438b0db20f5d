using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using VillageReports.Submissions;
using VillageReports.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace VillageReports.Tests.Web;

/// <summary>The town office's console (SPEC "Web app", 镇办) in a real browser, at phone width.</summary>
[Collection(BrowserTests.Name)]
public sealed class OfficeTests(BrowserFixture browser, LocalApp app) : IClassFixture<LocalApp>
{
    private async Task<Phone> OfficeAsync(WebTown town, string path = "/")
    {
        var phone = await browser.PhoneAsync(app);
        await phone.SignInAsync(await app.IssueTokenAsync(town.Code), path);
        return phone;
    }

    private static ILocator Cell(IPage page, string village, string month) =>
        page.GetByRole(AriaRole.Button, new() { Name = $"{village} 2026年{month}月：" });

    [Fact]
    public async Task The_grid_shows_each_units_months_in_words_and_a_cell_opens_its_figures_and_revisions()
    {
        var town = await WebTown.RegisterAsync(app, "上村", "中村", "下村");
        await WebTown.PostAsync(app, town.Village(0), "2026-10", """{"values":{"renovation.wells":3}}""");
        await WebTown.PostAsync(app, town.Village(1), "2026-09", """{"values":{"renovation.wells":1}}""");
        await using var phone = await OfficeAsync(town);

        await Expect(phone.Page.GetByRole(AriaRole.Heading, new() { Name = $"{town.Name} · 报送情况" })).ToBeVisibleAsync();

        await Expect(Cell(phone.Page, "上村", "10")).ToHaveAttributeAsync("aria-label", "上村 2026年10月：按时，第1版");
        await Expect(Cell(phone.Page, "上村", "10")).ToHaveTextAsync("按");
        await Expect(Cell(phone.Page, "中村", "9")).ToHaveAttributeAsync("aria-label", "中村 2026年9月：迟报，第1版");
        await Expect(Cell(phone.Page, "下村", "9")).ToHaveAttributeAsync("aria-label", "下村 2026年9月：未报");
        await Expect(Cell(phone.Page, "下村", "10")).ToHaveAttributeAsync("aria-label", "下村 2026年10月：未到期");
        await Expect(phone.Page.Locator("table.grid tbody tr")).ToHaveCountAsync(4);
        await phone.ScreenAsync("20-office-grid");

        await Cell(phone.Page, "上村", "10").ClickAsync();

        await Expect(phone.Page.GetByRole(AriaRole.Heading, new() { Name = "上村 · 2026年10月填报" })).ToBeVisibleAsync();
        await Expect(phone.Page.GetByLabel("打井", new() { Exact = true })).ToHaveValueAsync("3");
        await phone.Page.GetByText("修改记录").ClickAsync();
        await Expect(phone.Page.Locator(".revision-list li")).ToContainTextAsync("第1版");
        await phone.ScreenAsync("21-office-unit");
    }

    [Fact]
    public async Task The_town_office_posts_its_own_town_level_figures()
    {
        var town = await WebTown.RegisterAsync(app, "镇办村");
        await using var phone = await OfficeAsync(town);
        await phone.Page.GetByRole(AriaRole.Link, new() { Name = "填报" }).ClickAsync();

        await phone.Page.GetByLabel("税收收入").FillAsync("4812.35");
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();

        await Expect(phone.Status).ToContainTextAsync("提交成功：第1版");
        await Expect(phone.Page.GetByLabel("打井", new() { Exact = true })).ToHaveCountAsync(0);
        var current = (await WebTown.CurrentAsync(app, town.Code, "2026-10"))!.Value;
        Assert.Equal(4812.35m, current.GetProperty("values").GetProperty("finance.tax_revenue").GetDecimal());
        await phone.ScreenAsync("31-office-town-figures");
    }

    [Fact]
    public async Task The_office_amends_a_locked_month_only_with_a_reason()
    {
        var town = await WebTown.RegisterAsync(app, "前村");
        await WebTown.PostAsync(app, town.Village(0), "2026-09", """{"values":{"renovation.wells":1}}""");
        await app.Services.GetRequiredService<PeriodStore>().LockAsync(UnitCode.Parse(town.Code), new Period(2026, 9), CancellationToken.None);
        await using var phone = await OfficeAsync(town, $"/office/unit/{town.Village(0)}/2026-09");
        await Expect(phone.Page.Locator("#period-state")).ToContainTextAsync("更正须填写原因");

        await phone.Page.GetByLabel("打井", new() { Exact = true }).FillAsync("2");
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();

        await Expect(phone.Page.Locator("#m-reason")).ToContainTextAsync("原因");
        Assert.Equal(1, (await WebTown.CurrentAsync(app, town.Village(0), "2026-09"))!.Value.GetProperty("revision").GetInt32());
        await phone.Page.GetByLabel("更正原因（本月已锁定，必填）").FillAsync("村里补报了一眼井");
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
        await Expect(phone.Status).ToContainTextAsync("更新成功：第2版");
        var current = (await WebTown.CurrentAsync(app, town.Village(0), "2026-09"))!.Value;
        Assert.Equal("村里补报了一眼井", current.GetProperty("reason").GetString());
        await phone.ScreenAsync("22-office-amend");
    }

    [Fact]
    public async Task A_link_issued_for_a_village_is_shown_once_and_signs_the_clerk_in_until_it_is_revoked()
    {
        var town = await WebTown.RegisterAsync(app, "东村", "西村");
        await using var office = await OfficeAsync(town, "/office/tokens");

        await office.Page.GetByRole(AriaRole.Button, new() { Name = "为西村发放登录链接" }).ClickAsync();

        var link = await office.Page.GetByLabel("登录链接", new() { Exact = true }).InputValueAsync();
        Assert.StartsWith($"{app.Http.BaseAddress!.ToString().TrimEnd('/')}/#token=vr1.{town.Village(1)}.", link, StringComparison.Ordinal);
        await office.Page.GetByRole(AriaRole.Button, new() { Name = "复制链接" }).ClickAsync();
        await Expect(office.Page.Locator(".issued")).ToContainTextAsync("已复制");
        await office.ScreenAsync("23-office-token-issued");
        await using (var clerk = await browser.PhoneAsync(app))
        {
            await clerk.Page.GotoAsync(link);
            await Expect(clerk.Page.GetByRole(AriaRole.Heading, new() { Name = "西村 · 2026年10月填报" })).ToBeVisibleAsync();
        }

        await office.Page.GetByRole(AriaRole.Button, new() { Name = "吊销西村的登录链接" }).ClickAsync();
        await Expect(office.Page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("吊销后");
        await office.ScreenAsync("24-office-revoke-confirm");
        await office.Page.GetByRole(AriaRole.Button, new() { Name = "确认吊销" }).ClickAsync();

        await Expect(office.Page.GetByRole(AriaRole.Status).First).ToContainTextAsync("已吊销西村的全部登录链接");
        await using var revoked = await browser.PhoneAsync(app);
        await revoked.Page.GotoAsync(link);
        await Expect(revoked.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("登录链接已失效");
    }

    [Fact]
    public async Task A_village_named_like_markup_is_shown_as_text_and_runs_nothing()
    {
        const string name = "<img src=x onerror=alert(1)>";
        var town = await WebTown.RegisterAsync(app, name);
        await WebTown.PostAsync(app, town.Village(0), "2026-10", """{"values":{"renovation.wells":1},"comment":"<script>alert(2)</script>"}""");
        await using var phone = await OfficeAsync(town);

        await Expect(phone.Page.GetByRole(AriaRole.Rowheader, new() { Name = name })).ToBeVisibleAsync();
        await phone.Page.GetByRole(AriaRole.Link, new() { Name = "登录链接" }).ClickAsync();
        await Expect(phone.Page.Locator(".village .name")).ToHaveTextAsync(name);
        await phone.Page.GoBackAsync();
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = $"{name} 2026年10月：" }).ClickAsync();
        await Expect(phone.Page.GetByLabel("备注（可不填）")).ToHaveValueAsync("<script>alert(2)</script>");
        await phone.Page.GetByText("修改记录").ClickAsync();
        await Expect(phone.Page.Locator(".revision-list")).ToContainTextAsync("备注：<script>alert(2)</script>");

        Assert.Equal(0, await phone.Page.Locator("main img, main script").CountAsync());
        Assert.Empty(phone.Dialogs);
        await phone.ScreenAsync("25-office-markup-name");
    }

    [Fact]
    public async Task The_page_carries_a_policy_that_allows_only_its_own_origin()
    {
        await using var phone = await browser.PhoneAsync(app);

        var response = await phone.OpenAsync("/");

        var policy = await response!.HeaderValueAsync("content-security-policy");
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        await Expect(phone.Page.GetByRole(AriaRole.Heading, new() { Name = "请先登录" })).ToBeVisibleAsync();
        Assert.Empty(phone.ScriptErrors);
    }

    [Fact]
    public async Task Targets_set_for_the_year_are_saved_and_shown_again()
    {
        var town = await WebTown.RegisterAsync(app, "新村");
        await using var phone = await OfficeAsync(town, "/office/targets");

        await phone.Page.GetByLabel("税收收入").FillAsync("4600");
        await phone.Page.GetByLabel("打井", new() { Exact = true }).FillAsync("-1");
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "保存目标" }).ClickAsync();
        await Expect(phone.Page.Locator("#tm-renovation\\.wells")).ToHaveTextAsync("请填写大于0的数字");
        await phone.Page.GetByLabel("打井", new() { Exact = true }).FillAsync("12");
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "保存目标" }).ClickAsync();

        await Expect(phone.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("2026年目标已保存（2项）");
        var saved = await (await app.SendAsync(HttpMethod.Get, $"/api/towns/{town.Code}/targets/2026", LocalApp.AdminToken)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(4600m, saved.GetProperty("targets").GetProperty("finance.tax_revenue").GetDecimal());
        await phone.Page.ReloadAsync();
        await Expect(phone.Page.GetByLabel("打井", new() { Exact = true })).ToHaveValueAsync("12");
        await phone.ScreenAsync("26-office-targets");
    }

    [Fact]
    public async Task A_report_version_is_listed_with_its_delivery_and_downloads_as_a_pdf()
    {
        var town = await WebTown.RegisterAsync(app, "后村");
        await WebTown.PostAsync(app, town.Village(0), "2026-09", """{"values":{"renovation.wells":1}}""");
        (await app.SendAsync(HttpMethod.Post, $"/api/towns/{town.Code}/reports/monthly/2026-09", LocalApp.AdminToken)).EnsureSuccessStatusCode();
        await WaitForReportAsync(town.Code);
        await using var phone = await OfficeAsync(town, "/office/reports");

        var item = phone.Page.Locator(".report").Filter(new() { HasText = "2026年9月月报 第1版" });
        await Expect(item).ToBeVisibleAsync();
        var download = await phone.Page.RunAndWaitForDownloadAsync(() => item.GetByRole(AriaRole.Button, new() { Name = "下载2026年9月月报 第1版" }).ClickAsync());

        var path = await download.PathAsync();
        Assert.Equal("%PDF"u8.ToArray(), (await File.ReadAllBytesAsync(path))[..4]);
        Assert.EndsWith(".pdf", download.SuggestedFilename, StringComparison.Ordinal);
        await phone.ScreenAsync("27-office-reports");
    }

    [Fact]
    public async Task The_admin_picks_a_town_by_its_code()
    {
        var town = await WebTown.RegisterAsync(app, "左村");
        await using var phone = await browser.PhoneAsync(app);
        await phone.SignInAsync(LocalApp.AdminToken);

        await phone.Page.GetByLabel("乡镇代码").FillAsync("12345");
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "打开" }).ClickAsync();
        await Expect(phone.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("12位数字");
        await phone.ScreenAsync("28-admin-town-picker");
        await phone.Page.GetByLabel("乡镇代码").FillAsync(town.Code);
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "打开" }).ClickAsync();

        await Expect(phone.Page.GetByRole(AriaRole.Heading, new() { Name = $"{town.Name} · 报送情况" })).ToBeVisibleAsync();
        await Expect(phone.Page.GetByRole(AriaRole.Link, new() { Name = "导入导出" })).ToHaveAttributeAsync("href", "/office/io");
    }

    [Fact]
    public async Task A_town_that_requires_approval_approves_a_version_from_the_reports_screen()
    {
        var town = await WebTown.RegisterAsync(app, "审核村");
        var body = JsonSerializer.Serialize(new { name = town.Name, county = LocalApp.County, villages = new[] { new { code = town.Village(0), name = "审核村" } }, requireApproval = true });
        (await app.SendAsync(HttpMethod.Put, $"/api/towns/{town.Code}", LocalApp.AdminToken, body)).EnsureSuccessStatusCode();
        await WebTown.PostAsync(app, town.Village(0), "2026-09", """{"values":{"renovation.wells":2}}""");
        (await app.SendAsync(HttpMethod.Post, $"/api/towns/{town.Code}/reports/monthly/2026-09", LocalApp.AdminToken)).EnsureSuccessStatusCode();
        await WaitForReportAsync(town.Code);
        await using var phone = await OfficeAsync(town, "/office/reports");
        var item = phone.Page.Locator(".report").Filter(new() { HasText = "2026年9月月报 第1版" });
        await Expect(item).ToContainTextAsync("待审核");
        await phone.ScreenAsync("29-office-approval");

        await item.GetByRole(AriaRole.Button, new() { Name = "审核通过2026年9月月报 第1版" }).ClickAsync();

        await Expect(phone.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("审核通过");
        await Expect(phone.Page.Locator(".report").Filter(new() { HasText = "2026年9月月报 第1版" })).ToContainTextAsync("已审核");
        var listing = await (await app.SendAsync(HttpMethod.Get, $"/api/towns/{town.Code}/reports", LocalApp.AdminToken)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("approved", listing.GetProperty("reports")[0].GetProperty("approval").GetString());
    }

    private async Task WaitForReportAsync(string town)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var listing = await (await app.SendAsync(HttpMethod.Get, $"/api/towns/{town}/reports", LocalApp.AdminToken)).Content.ReadFromJsonAsync<JsonElement>();
            if (listing.GetProperty("reports").GetArrayLength() > 0)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the monthly report did not appear within 60 s");
    }
}
