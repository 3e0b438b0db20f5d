using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Extensions.DependencyInjection;
using VillageReports.Submissions;
using VillageReports.Tests.Support;

namespace VillageReports.Tests.Spreadsheets;

public class ImportTests(LocalApp app) : IClassFixture<LocalApp>
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static readonly string[] Villages = LocalApp.Villages;

    private static byte[] Fixture(string name, [CallerFilePath] string here = "") =>
        File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(here)!, "Fixtures", name));

    private async Task<HttpResponseMessage> ImportAsync(string period, byte[] body, string contentType, string query = "")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/towns/{LocalApp.Town}/periods/{period}/imports{query}") { Content = new ByteArrayContent(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", LocalApp.AdminToken);
        // As browsers and curl do for large bodies: a refusal by Content-Length arrives before the body is sent.
        request.Headers.ExpectContinue = body.Length > 1024 * 1024;
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await app.Http.SendAsync(request);
    }

    private async Task<JsonElement> SummaryAsync(string period, byte[] body, string contentType, string query = "")
    {
        var response = await ImportAsync(period, body, contentType, query);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    private async Task<JsonElement?> ValuesAsync(string unit, string period)
    {
        var response = await app.SendAsync(HttpMethod.Get, $"/api/units/{unit}/submissions/{period}", LocalApp.AdminToken);
        return response.StatusCode == HttpStatusCode.NotFound ? null : (await response.JsonAsync()).GetProperty("values");
    }

    private static (int Created, int Updated, int Unchanged, int Refused) Counts(JsonElement summary) =>
        (summary.GetProperty("created").GetInt32(), summary.GetProperty("updated").GetInt32(), summary.GetProperty("unchanged").GetInt32(), summary.GetProperty("refused").GetInt32());

    private static byte[] Csv(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task A_clerks_libreoffice_workbook_imports_text_numbers_full_width_digits_a_formula_and_skips_the_blank_row()
    {
        var summary = await SummaryAsync("2026-09", Fixture("clerk.xlsx"), Xlsx);

        Assert.Equal((3, 0, 0, 0), Counts(summary));
        Assert.Empty(summary.GetProperty("problems").EnumerateArray());
        var first = (await ValuesAsync(Villages[0], "2026-09"))!.Value;
        Assert.Equal((1234m, 3m, 12.5m, 5m), (first.GetProperty("security.cameras").GetDecimal(), first.GetProperty("renovation.wells").GetDecimal(), first.GetProperty("collective.income").GetDecimal(), first.GetProperty("renovation.bridges").GetDecimal()));
        var second = (await ValuesAsync(Villages[1], "2026-09"))!.Value;
        Assert.Equal((45m, 12m, 3.75m), (second.GetProperty("security.cameras").GetDecimal(), second.GetProperty("renovation.wells").GetDecimal(), second.GetProperty("collective.income").GetDecimal()));
        Assert.False(second.TryGetProperty("renovation.bridges", out _)); // empty = not reported, never 0
        var third = (await ValuesAsync(Villages[2], "2026-09"))!.Value;
        Assert.Equal((7m, 0.5m), (third.GetProperty("security.cameras").GetDecimal(), third.GetProperty("collective.income").GetDecimal()));
    }

    [Fact]
    public async Task Importing_the_same_file_twice_changes_nothing()
    {
        await SummaryAsync("2026-07", Fixture("clerk-saved-by-libreoffice.csv"), "text/csv");

        var again = await SummaryAsync("2026-07", Fixture("clerk-saved-by-libreoffice.csv"), "text/csv");

        Assert.Equal((0, 0, 3, 0), Counts(again));
        Assert.Equal(1, (await app.RevisionsAsync(Villages[0], "2026-07")).GetArrayLength());
    }

    [Fact]
    public async Task A_dry_run_counts_what_would_happen_and_writes_nothing()
    {
        var summary = await SummaryAsync("2026-06", Fixture("clerk-saved-by-libreoffice.csv"), "text/csv", "?dryRun=true");

        Assert.Equal((3, 0, 0, 0), Counts(summary));
        Assert.False(summary.GetProperty("written").GetBoolean());
        Assert.Null(await ValuesAsync(Villages[0], "2026-06"));
    }

    [Fact]
    public async Task A_refused_row_is_listed_by_cell_with_the_apis_message_and_the_valid_rows_are_imported()
    {
        var csv = Csv($"unit,name,renovation.wells,security.cameras\r\n{Villages[0]},第1村,500,abc\r\n{Villages[1]},第2村,4,\r\n{Villages[2]},第3村,,9\r\n");

        var summary = await SummaryAsync("2026-05", csv, "text/csv");

        Assert.Equal((2, 0, 0, 1), Counts(summary));
        var problems = summary.GetProperty("problems").EnumerateArray().ToList();
        var problem = Assert.Single(problems);
        Assert.Equal(("CSV!D2", Villages[0], "security.cameras"), (problem.GetProperty("cell").GetString(), problem.GetProperty("unit").GetString(), problem.GetProperty("element").GetString()));
        Assert.Null(await ValuesAsync(Villages[0], "2026-05"));
        Assert.Equal(4, (await ValuesAsync(Villages[1], "2026-05"))!.Value.GetProperty("renovation.wells").GetInt32());

        var bounds = await SummaryAsync("2026-05", Csv($"unit,renovation.wells\r\n{Villages[0]},500\r\n"), "text/csv");
        var message = Assert.Single(bounds.GetProperty("problems").EnumerateArray());
        Assert.Equal(("CSV!B2", "打井应在0至100眼之间。"), (message.GetProperty("cell").GetString(), message.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task A_gbk_csv_with_moved_columns_an_unknown_unit_and_the_total_row_imports_the_known_units()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var text = $"打井（眼）,单位名称,单位代码\r\nrenovation.wells,name,unit\r\n６,第二村,{Villages[1]}\r\n3,外村,130123100299\r\n6,全镇合计,合计\r\n";
        var gbk = Encoding.GetEncoding("GB18030").GetBytes(text);

        var summary = await SummaryAsync("2025-11", gbk, "text/csv");

        Assert.Equal((1, 0, 0, 1), Counts(summary));
        var problem = Assert.Single(summary.GetProperty("problems").EnumerateArray());
        Assert.Equal(("CSV!C4", "130123100299"), (problem.GetProperty("cell").GetString(), problem.GetProperty("unit").GetString()));
        Assert.Equal(6, (await ValuesAsync(Villages[1], "2025-11"))!.Value.GetProperty("renovation.wells").GetInt32());
    }

    [Fact]
    public async Task An_atomic_import_with_one_refused_row_writes_nothing()
    {
        var csv = Csv($"unit,renovation.wells\r\n{Villages[0]},500\r\n{Villages[1]},4\r\n");

        var summary = await SummaryAsync("2026-04", csv, "text/csv", "?atomic=true");

        Assert.False(summary.GetProperty("written").GetBoolean());
        Assert.Equal(1, Counts(summary).Refused);
        Assert.Null(await ValuesAsync(Villages[1], "2026-04"));

        var fixedFile = await SummaryAsync("2026-04", Csv($"unit,renovation.wells\r\n{Villages[0]},50\r\n{Villages[1]},4\r\n"), "text/csv", "?atomic=true");
        Assert.True(fixedFile.GetProperty("written").GetBoolean());
        Assert.Equal((2, 0, 0, 0), Counts(fixedFile));
    }

    [Fact]
    public async Task A_locked_period_needs_the_offices_reason()
    {
        var put = await app.PutSubmissionAsync(Villages[0], "2026-03", LocalApp.AdminToken, """{ "values": { "renovation.wells": 1 } }""");
        put.EnsureSuccessStatusCode();
        await app.Services.GetRequiredService<PeriodStore>().LockAsync(UnitCode.Parse(LocalApp.Town), new Period(2026, 3), default);
        var csv = Csv($"unit,renovation.wells\r\n{Villages[0]},2\r\n");

        var refused = await SummaryAsync("2026-03", csv, "text/csv");
        var amended = await SummaryAsync("2026-03", csv, "text/csv", "?reason=" + Uri.EscapeDataString("村会计更正"));

        Assert.Equal((0, 0, 0, 1), Counts(refused));
        Assert.Contains("更正须填写原因", Assert.Single(refused.GetProperty("problems").EnumerateArray()).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal((0, 1, 0, 0), Counts(amended));
        Assert.Equal(2, (await ValuesAsync(Villages[0], "2026-03"))!.Value.GetProperty("renovation.wells").GetInt32());
    }

    [Fact]
    public async Task A_file_that_is_not_a_workbook_too_big_or_with_more_rows_than_units_is_refused_and_nothing_is_written()
    {
        var notWorkbook = await ImportAsync("2026-02", Encoding.UTF8.GetBytes("hello, I am not a workbook"), Xlsx);
        var legacyOrEncrypted = await ImportAsync("2026-02", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], Xlsx);
        var tooBig = await ImportAsync("2026-02", new byte[6 * 1024 * 1024], "text/csv");
        var rows = string.Join("\r\n", Enumerable.Range(0, 5).Select(i => $"1301231002{i + 10},{i}"));
        var tooManyRows = await ImportAsync("2026-02", Csv($"unit,renovation.wells\r\n{Villages[0]},1\r\n{rows}\r\n"), "text/csv");
        var wrongType = await ImportAsync("2026-02", Csv("unit\r\n"), "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, notWorkbook.StatusCode);
        Assert.Contains(".xlsx", (await notWorkbook.JsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, legacyOrEncrypted.StatusCode);
        Assert.Contains("密码", (await legacyOrEncrypted.JsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.Contains("5 MiB", (await tooBig.JsonAsync()).GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, tooManyRows.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        Assert.Null(await ValuesAsync(Villages[0], "2026-02"));
    }

    [Fact]
    public async Task A_file_larger_than_the_json_limit_is_read_whole()
    {
        // 64 KiB is the JSON limit (and the local server's own); a county's workbook is bigger, and this route takes it.
        var padding = string.Concat(Enumerable.Repeat(",\r\n", 40_000));
        var body = Csv($"unit,renovation.wells\r\n{Villages[0]},4\r\n{padding}");

        var summary = await SummaryAsync("2025-11", body, "text/csv");

        Assert.True(body.Length > 64 * 1024, $"{body.Length} bytes");
        Assert.Equal(1, summary.GetProperty("created").GetInt32());
        Assert.Equal(4, (await ValuesAsync(Villages[0], "2025-11"))!.Value.GetProperty("renovation.wells").GetInt32());
    }

    [Fact]
    public async Task A_template_filled_in_then_imported_reads_back_through_the_api()
    {
        var filled = await FilledTemplateAsync("2026-01");
        var summary = await SummaryAsync("2026-01", filled, Xlsx);

        Assert.Equal((3, 0, 0, 0), Counts(summary));
        Assert.Equal(1, summary.GetProperty("empty").GetInt32());
        Assert.Equal(7, (await ValuesAsync(Villages[0], "2026-01"))!.Value.GetProperty("renovation.wells").GetInt32());
        Assert.Equal(1250.5m, (await ValuesAsync(Villages[2], "2026-01"))!.Value.GetProperty("renovation.street_length").GetDecimal());
        Assert.Equal(0.35m, (await ValuesAsync(LocalApp.Town, "2026-01"))!.Value.GetProperty("finance.tax_revenue").GetDecimal());
        Assert.Null(await ValuesAsync(Villages[1], "2026-01"));

        var template = await FilledTemplateAsync("2026-01", fill: false);
        Assert.Equal((0, 0, 3, 0), Counts(await SummaryAsync("2026-01", template, Xlsx)));
    }

    [Fact]
    public async Task A_template_saved_again_by_libreoffice_keeps_its_code_row_protection_and_validation_and_imports()
    {
        var bytes = Fixture("template-filled-saved-by-libreoffice.xlsx");
        using (var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(bytes), false))
        {
            var sheet = WorkbookTests.Sheet(document, "村级");
            Assert.True(sheet.Descendants<Row>().ElementAt(1).Hidden?.Value);
            Assert.True(sheet.Elements<SheetProtection>().Single().Sheet?.Value);
            Assert.NotEmpty(sheet.Descendants<DataValidation>());
        }

        var summary = await SummaryAsync("2025-12", bytes, Xlsx);

        Assert.Equal((3, 0, 0, 0), Counts(summary));
        Assert.Equal(9, (await ValuesAsync(Villages[0], "2025-12"))!.Value.GetProperty("renovation.wells").GetInt32());
        Assert.Equal(2.5m, (await ValuesAsync(Villages[1], "2025-12"))!.Value.GetProperty("collective.income").GetDecimal());
        Assert.Equal(1.5m, (await ValuesAsync(Villages[2], "2025-12"))!.Value.GetProperty("roads.new_km").GetDecimal());
    }

    /// <summary>The template, filled (or not) with OpenXml as a clerk's spreadsheet program would save it.</summary>
    private async Task<byte[]> FilledTemplateAsync(string period, bool fill = true)
    {
        var response = await app.SendAsync(HttpMethod.Get, $"/api/towns/{LocalApp.Town}/periods/{period}/workbook", LocalApp.AdminToken);
        var stream = new MemoryStream();
        await (await response.Content.ReadAsStreamAsync()).CopyToAsync(stream);
        if (fill)
        {
            using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, true);
            var rows = WorkbookTests.Sheet(document, "村级").Descendants<Row>().ToList();
            var codes = rows[1].Elements<Cell>().Select(c => c.InnerText).ToList();
            rows[2].Elements<Cell>().ElementAt(codes.IndexOf("renovation.wells")).CellValue = new CellValue("7");
            var street = rows[4].Elements<Cell>().ElementAt(codes.IndexOf("renovation.street_length"));
            street.DataType = CellValues.InlineString;
            street.InlineString = new InlineString(new Text("1,250.5"));
            var town = WorkbookTests.Sheet(document, "镇级").Descendants<Row>().ToList();
            town[2].Elements<Cell>().ElementAt(town[1].Elements<Cell>().Select(c => c.InnerText).ToList().IndexOf("finance.tax_revenue")).CellValue = new CellValue("0.35");
        }

        return stream.ToArray();
    }
}
