using System.Net;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using VillageReports.Tests.Support;

namespace VillageReports.Tests.Spreadsheets;

public class ExportTests(LocalApp app) : IClassFixture<LocalApp>
{
    private static readonly string[] Villages = LocalApp.Villages;

    private async Task PostAsync(string village, string period, string values)
    {
        var response = await app.PutSubmissionAsync(village, period, LocalApp.AdminToken, $$"""{ "values": { {{values}} } }""");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_period_csv_is_utf8_with_bom_crlf_a_row_per_unit_and_empty_for_not_reported()
    {
        await PostAsync(Villages[0], "2026-09", """ "security.cameras": 12, "collective.income": 3.5 """);
        await PostAsync(Villages[1], "2026-09", """ "collective.income": 1.25 """);

        var response = await app.SendAsync(HttpMethod.Get, $"/api/towns/{LocalApp.Town}/periods/2026-09/export.csv", LocalApp.AdminToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", text.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).ToList();
        var cameras = Array.IndexOf(lines[1], "security.cameras");
        var income = Array.IndexOf(lines[1], "collective.income");
        Assert.Equal("平安摄像头（个）", lines[0][cameras]);
        Assert.Equal("村集体经济收入（万元）", lines[0][income]);
        // The town office first, then each village, then the total.
        Assert.Equal([LocalApp.Town, .. Villages, "合计"], lines.Skip(2).Select(l => l[0]));
        var first = lines.Single(l => l[0] == Villages[0]);
        var second = lines.Single(l => l[0] == Villages[1]);
        var third = lines.Single(l => l[0] == Villages[2]);
        Assert.Equal(("第1村", "12", "3.5"), (first[1], first[cameras], first[income]));
        Assert.Equal(("", "1.25"), (second[cameras], second[income]));
        Assert.Equal("", third[income]);
        var total = lines.Single(l => l[0] == "合计");
        Assert.Equal(("12", "4.75"), (total[cameras], total[income]));
    }

    [Fact]
    public void A_name_with_a_comma_or_quote_is_quoted_as_rfc_4180_says()
    {
        var bytes = VillageReports.Spreadsheets.CsvFile.Write(new("镇", "镇", [new("a", "甲,\"乙\"")], [new("1", "名", [1m])]));

        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);

        Assert.StartsWith("单位代码,单位名称,\"甲,\"\"乙\"\"\"\r\n", text, StringComparison.Ordinal);
        Assert.Equal("甲,\"乙\"", VillageReports.Spreadsheets.CsvFile.Read(bytes)[0][2]);
    }

    [Fact]
    public async Task The_period_xlsx_is_a_valid_workbook_with_the_same_figures()
    {
        await PostAsync(Villages[2], "2026-08", """ "roads.new_km": 2.75 """);

        var response = await app.SendAsync(HttpMethod.Get, $"/api/towns/{LocalApp.Town}/periods/2026-08/export.xlsx", LocalApp.AdminToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var document = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        Assert.Empty(new OpenXmlValidator().Validate(document));
        var rows = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().ToList();
        Assert.True(rows[1].Hidden?.Value);
        var codes = rows[1].Elements<Cell>().Select(c => c.InnerText).ToList();
        var column = codes.IndexOf("roads.new_km");
        Assert.Equal("新修村村通道路（公里）", rows[0].Elements<Cell>().ElementAt(column).InnerText);
        var village = rows.Single(r => r.Elements<Cell>().First().InnerText == Villages[2]);
        Assert.Equal("2.75", village.Elements<Cell>().ElementAt(column).CellValue?.Text);
        var other = rows.Single(r => r.Elements<Cell>().First().InnerText == Villages[0]);
        Assert.Null(other.Elements<Cell>().ElementAt(column).CellValue);
    }

    [Fact]
    public async Task The_year_csv_sums_flows_and_takes_stocks_at_the_last_reported_month()
    {
        await PostAsync(Villages[2], "2025-03", """ "security.cameras": 5, "renovation.wells": 2 """);
        await PostAsync(Villages[2], "2025-07", """ "security.cameras": 7, "renovation.wells": 3 """);

        var response = await app.SendAsync(HttpMethod.Get, $"/api/towns/{LocalApp.Town}/years/2025/export.csv", LocalApp.AdminToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n").Select(l => l.Split(',')).ToList();
        var village = lines.Single(l => l[0] == Villages[2]);
        Assert.Equal("7", village[Array.IndexOf(lines[1], "security.cameras")]);
        Assert.Equal("5", village[Array.IndexOf(lines[1], "renovation.wells")]);
    }

    [Fact]
    public async Task A_village_may_not_export_its_town()
    {
        var token = await app.IssueTokenAsync(Villages[0]);

        var response = await app.SendAsync(HttpMethod.Get, $"/api/towns/{LocalApp.Town}/periods/2026-09/export.csv", token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
