using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using VillageReports.Tests.Support;

namespace VillageReports.Tests.Spreadsheets;

public class WorkbookTests(LocalApp app) : IClassFixture<LocalApp>
{
    public static async Task<SpreadsheetDocument> TemplateAsync(LocalApp app, string period)
    {
        var response = await app.SendAsync(HttpMethod.Get, $"/api/towns/{LocalApp.Town}/periods/{period}/workbook", LocalApp.AdminToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stream = new MemoryStream();
        await (await response.Content.ReadAsStreamAsync()).CopyToAsync(stream);
        return SpreadsheetDocument.Open(stream, true);
    }

    public static Worksheet Sheet(SpreadsheetDocument document, string name)
    {
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        return ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet;
    }

    [Fact]
    public async Task The_template_has_a_village_sheet_a_town_sheet_and_instructions_prefilled_validated_and_protected()
    {
        var put = await app.PutSubmissionAsync(LocalApp.Villages[1], "2026-10", LocalApp.AdminToken, """{ "values": { "renovation.wells": 4 } }""");
        put.EnsureSuccessStatusCode();

        using var document = await TemplateAsync(app, "2026-10");

        Assert.Empty(new OpenXmlValidator().Validate(document));
        Assert.Equal(["村级", "镇级", "说明"], document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value));
        var villages = Sheet(document, "村级");
        var rows = villages.Descendants<Row>().ToList();
        Assert.True(rows[1].Hidden?.Value);
        var codes = rows[1].Elements<Cell>().Select(c => c.InnerText).ToList();
        var wells = codes.IndexOf("renovation.wells");
        Assert.Equal("打井（眼）", rows[0].Elements<Cell>().ElementAt(wells).InnerText);
        Assert.DoesNotContain("finance.tax_revenue", codes);
        Assert.Equal(LocalApp.Villages, rows.Skip(2).Select(r => r.Elements<Cell>().First().InnerText));
        Assert.Equal("4", rows[3].Elements<Cell>().ElementAt(wells).CellValue?.Text);
        Assert.Null(rows[2].Elements<Cell>().ElementAt(wells).CellValue);

        var column = VillageReports.Spreadsheets.SheetLayout.ColumnName(wells);
        var rule = villages.Descendants<DataValidation>().Single(v => v.SequenceOfReferences!.InnerText == $"{column}3:{column}5");
        Assert.Equal(DataValidationValues.Whole, rule.Type!.Value);
        Assert.Equal(("0", "100"), (rule.Formula1!.Text, rule.Formula2!.Text));
        Assert.Contains("打井", rule.Error!.Value, StringComparison.Ordinal);

        Assert.True(villages.Elements<SheetProtection>().Single().Sheet?.Value);
        var formats = document.WorkbookPart.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        bool Locked(Cell cell) => formats[(int)(cell.StyleIndex?.Value ?? 0)].Protection?.Locked?.Value ?? true;
        Assert.False(Locked(rows[3].Elements<Cell>().ElementAt(wells)));
        Assert.True(Locked(rows[3].Elements<Cell>().First()));
        Assert.True(Locked(rows[0].Elements<Cell>().ElementAt(wells)));

        var town = Sheet(document, "镇级").Descendants<Row>().ToList();
        Assert.Contains("finance.tax_revenue", town[1].Elements<Cell>().Select(c => c.InnerText));
        Assert.Equal(LocalApp.Town, town[2].Elements<Cell>().First().InnerText);
        Assert.Contains(Sheet(document, "说明").Descendants<Cell>(), c => c.InnerText.Contains("留空", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_county_reads_exports_but_may_not_take_the_template()
    {
        var county = await app.IssueTokenAsync(LocalApp.County);

        var template = await app.SendAsync(HttpMethod.Get, $"/api/towns/{LocalApp.Town}/periods/2026-10/workbook", county);
        var export = await app.SendAsync(HttpMethod.Get, $"/api/towns/{LocalApp.Town}/periods/2026-10/export.xlsx", county);

        Assert.Equal(HttpStatusCode.Forbidden, template.StatusCode);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
    }

    [Fact]
    public async Task A_village_takes_its_own_sheet_prefilled_and_may_not_take_anothers()
    {
        var village = LocalApp.Villages[2];
        var token = await app.IssueTokenAsync(village);
        (await app.PutSubmissionAsync(village, "2026-09", token, """{ "values": { "renovation.bridges": 2 } }""")).EnsureSuccessStatusCode();

        var own = await app.SendAsync(HttpMethod.Get, $"/api/units/{village}/submissions/2026-09/workbook", token);
        var other = await app.SendAsync(HttpMethod.Get, $"/api/units/{LocalApp.Villages[0]}/submissions/2026-09/workbook", token);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        using var document = SpreadsheetDocument.Open(new MemoryStream(await own.Content.ReadAsByteArrayAsync()), false);
        Assert.Empty(new OpenXmlValidator().Validate(document));
        Assert.Equal(["村级", "说明"], document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value));
        var rows = Sheet(document, "村级").Descendants<Row>().ToList();
        Assert.Equal(3, rows.Count);
        var codes = rows[1].Elements<Cell>().Select(c => c.InnerText).ToList();
        Assert.Equal(village, rows[2].Elements<Cell>().First().InnerText);
        Assert.Equal("2", rows[2].Elements<Cell>().ElementAt(codes.IndexOf("renovation.bridges")).CellValue?.Text);
    }
}
