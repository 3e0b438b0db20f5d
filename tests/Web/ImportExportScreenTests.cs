using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Playwright;
using VillageReports.Tests.Spreadsheets;
using VillageReports.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace VillageReports.Tests.Web;

/// <summary>导入导出 in the console: the office takes the template, fills it elsewhere, checks it (预检) and imports it.</summary>
[Collection(BrowserTests.Name)]
public sealed class ImportExportScreenTests(BrowserFixture browser, LocalApp app) : IClassFixture<LocalApp>
{
    [Fact]
    public async Task The_office_downloads_the_template_checks_the_filled_copy_without_writing_then_imports_it()
    {
        var town = await WebTown.RegisterAsync(app, "模板村", "空白村");
        await using var phone = await browser.PhoneAsync(app);
        await phone.SignInAsync(await app.IssueTokenAsync(town.Code), "/");
        await phone.Page.GetByRole(AriaRole.Link, new() { Name = "导入导出" }).ClickAsync();
        await Expect(phone.Page.GetByLabel("月份")).ToHaveValueAsync("2026-10");

        var download = await phone.Page.RunAndWaitForDownloadAsync(() => phone.Page.GetByRole(AriaRole.Button, new() { Name = "下载填报模板" }).ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        var filled = Path.Combine(Path.GetTempPath(), $"{town.Code}-filled.xlsx");
        await download.SaveAsAsync(filled);
        using (var document = SpreadsheetDocument.Open(filled, true))
        {
            var rows = WorkbookTests.Sheet(document, "村级").Descendants<Row>().ToList();
            var codes = rows[1].Elements<Cell>().Select(c => c.InnerText).ToList();
            Assert.Equal(town.Village(0), rows[2].Elements<Cell>().First().InnerText);
            rows[2].Elements<Cell>().ElementAt(codes.IndexOf("renovation.wells")).CellValue = new CellValue("6");
        }

        await phone.Page.GetByLabel("选择表格文件").SetInputFilesAsync(filled);
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "预检" }).ClickAsync();

        await Expect(phone.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("预检完成");
        await Expect(phone.Page.GetByRole(AriaRole.Heading, new() { Name = "预检结果" })).ToBeVisibleAsync();
        await Expect(Count(phone.Page, "新填")).ToHaveTextAsync("新填：1");
        Assert.Null(await WebTown.CurrentAsync(app, town.Village(0), "2026-10"));

        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "导入", Exact = true }).ClickAsync();

        await Expect(phone.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("导入完成（2026年10月）：已写入1个单位");
        await Expect(phone.Page.GetByRole(AriaRole.Heading, new() { Name = "导入结果" })).ToBeVisibleAsync();
        await Expect(Count(phone.Page, "新填")).ToHaveTextAsync("新填：1");
        var written = await WebTown.CurrentAsync(app, town.Village(0), "2026-10");
        Assert.Equal(6, written!.Value.GetProperty("values").GetProperty("renovation.wells").GetInt32());
        Assert.Null(await WebTown.CurrentAsync(app, town.Village(1), "2026-10"));
        await phone.ScreenAsync("32-office-io");
    }

    [Fact]
    public async Task A_csv_with_an_unknown_unit_lists_the_problem_by_cell()
    {
        var town = await WebTown.RegisterAsync(app, "表格村");
        await using var phone = await browser.PhoneAsync(app);
        await phone.SignInAsync(await app.IssueTokenAsync(town.Code), "/office/io");
        var csv = Path.Combine(Path.GetTempPath(), $"{town.Code}.csv");
        await File.WriteAllTextAsync(csv, $"unit,renovation.wells\n{town.Village(0)},2\n130123999999,3\n");

        await phone.Page.GetByLabel("选择表格文件").SetInputFilesAsync(csv);
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "预检" }).ClickAsync();

        await Expect(phone.Page.Locator(".problems li")).ToContainTextAsync("A3");
        await Expect(phone.Page.Locator(".problems li")).ToContainTextAsync("130123999999");
        Assert.Null(await WebTown.CurrentAsync(app, town.Village(0), "2026-10"));
    }

    private static ILocator Count(IPage page, string name) =>
        page.Locator(".counts li").Filter(new() { HasTextString = name });
}
