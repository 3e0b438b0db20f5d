using System.Text.RegularExpressions;
using Microsoft.Playwright;
using UglyToad.PdfPig;
using VillageReports.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace VillageReports.Tests.Web;

/// <summary>The sign-in sheet as the town office prints it and a clerk uses a card of it (its QR code is decoded in the sheet's own tests).</summary>
[Collection(BrowserTests.Name)]
public sealed partial class SignInSheetTests(BrowserFixture browser, LocalApp app) : IClassFixture<LocalApp>
{
    [Fact]
    public async Task Printing_the_sheet_says_old_cards_stop_working_then_downloads_cards_whose_links_sign_the_clerk_in()
    {
        var town = await WebTown.RegisterAsync(app, "甲村", "乙村");
        var oldToken = await app.IssueTokenAsync(town.Village(1));
        await using var office = await browser.PhoneAsync(app);
        await office.SignInAsync(await app.IssueTokenAsync(town.Code), "/office/tokens");

        await office.Page.GetByRole(AriaRole.Button, new() { Name = "打印登录卡" }).ClickAsync();
        await Expect(office.Page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("旧的登录卡和链接将立即失效");
        await office.ScreenAsync("29-office-sheet-confirm");
        var download = await office.Page.RunAndWaitForDownloadAsync(() =>
            office.Page.GetByRole(AriaRole.Button, new() { Name = "发放新链接并下载登录卡" }).ClickAsync());

        var bytes = await File.ReadAllBytesAsync(await download.PathAsync());
        Assert.Equal("%PDF"u8.ToArray(), bytes[..4]);
        using var pdf = PdfDocument.Open(bytes);
        var text = string.Concat(pdf.GetPages().Select(p => p.Text)).Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
        Assert.Contains("乙村", text, StringComparison.Ordinal);
        var token = Assert.Single(SheetLink().Matches(text), m => m.Groups["unit"].Value == town.Village(1)).Groups["token"].Value;
        await Expect(office.Page.GetByRole(AriaRole.Status).First).ToContainTextAsync("登录卡已生成");
        await office.ScreenAsync("30-office-sheet-done");

        await using var clerk = await browser.PhoneAsync(app);
        await clerk.Page.GotoAsync($"/#token={token}");
        await Expect(clerk.Page.GetByRole(AriaRole.Heading, new() { Name = "乙村 · 2026年10月填报" })).ToBeVisibleAsync();
        await using var oldCard = await browser.PhoneAsync(app);
        await oldCard.Page.GotoAsync($"/#token={oldToken}");
        await Expect(oldCard.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("登录链接已失效");
    }

    [GeneratedRegex(@"#token=(?<token>vr1\.(?<unit>\d{12})\.[A-Za-z0-9_-]{43})")]
    private static partial Regex SheetLink();
}
