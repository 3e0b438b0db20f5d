using Microsoft.Playwright;
using VillageReports.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace VillageReports.Tests.Web;

[Collection(BrowserTests.Name)]
public sealed class SignInTests(BrowserFixture browser, LocalApp app) : IClassFixture<LocalApp>
{
    [Fact]
    public async Task Opening_the_cards_link_keeps_the_token_clears_the_address_and_opens_last_months_form()
    {
        var town = await WebTown.RegisterAsync(app, "东坡村");
        var token = await app.IssueTokenAsync(town.Village(0));
        await using var phone = await browser.PhoneAsync(app);

        await phone.SignInAsync(token);

        await Expect(phone.Page.GetByRole(AriaRole.Heading, new() { Name = "东坡村 · 2026年10月填报" })).ToBeVisibleAsync();
        Assert.DoesNotContain("token", phone.Page.Url, StringComparison.Ordinal);
        Assert.Equal(token, await phone.StoredTokenAsync());
        await Expect(phone.Page.GetByLabel("平安摄像头", new() { Exact = true })).ToHaveAttributeAsync("inputmode", "numeric");
        await Expect(phone.Page.GetByLabel("村集体经济收入")).ToHaveAttributeAsync("inputmode", "decimal");
        await Expect(phone.Page.GetByLabel("税收收入")).ToHaveCountAsync(0);
        await phone.ScreenAsync("01-form");
    }

    [Fact]
    public async Task Signing_out_forgets_the_token_and_explains_how_to_sign_in()
    {
        var town = await WebTown.RegisterAsync(app, "西坡村");
        var token = await app.IssueTokenAsync(town.Village(0));
        await using var phone = await browser.PhoneAsync(app);
        await phone.SignInAsync(token);
        await Expect(phone.Page.GetByRole(AriaRole.Heading, new() { Name = "西坡村 · 2026年10月填报" })).ToBeVisibleAsync();

        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();

        await Expect(phone.Page.GetByRole(AriaRole.Heading, new() { Name = "请先登录" })).ToBeVisibleAsync();
        await Expect(phone.Page.GetByText("登录卡上的二维码")).ToBeVisibleAsync();
        Assert.Null(await phone.StoredTokenAsync());
        await phone.ScreenAsync("00-sign-in");
    }

    [Fact]
    public async Task A_pasted_link_signs_in_as_well()
    {
        var town = await WebTown.RegisterAsync(app, "南坡村");
        var token = await app.IssueTokenAsync(town.Village(0));
        await using var phone = await browser.PhoneAsync(app);
        await phone.OpenAsync("/");

        await phone.Page.GetByLabel("登录链接或令牌").FillAsync($"http://example.invalid/#token={token}");
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

        await Expect(phone.Page.GetByRole(AriaRole.Heading, new() { Name = "南坡村 · 2026年10月填报" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_revoked_link_says_it_no_longer_works()
    {
        var town = await WebTown.RegisterAsync(app, "北坡村");
        var token = await app.IssueTokenAsync(town.Village(0));
        (await app.SendAsync(HttpMethod.Delete, $"/api/units/{town.Village(0)}/tokens", LocalApp.AdminToken)).EnsureSuccessStatusCode();
        await using var phone = await browser.PhoneAsync(app);

        await phone.SignInAsync(token);

        await Expect(phone.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("登录链接已失效");
        await phone.ScreenAsync("02-revoked-link");
    }
}
