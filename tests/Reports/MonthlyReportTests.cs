using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using VillageReports.Catalog;
using VillageReports.Local;
using VillageReports.Reports;
using VillageReports.Storage;
using VillageReports.Submissions;
using VillageReports.Tests.Pdf;
using VillageReports.Tests.Support;

namespace VillageReports.Tests.Reports;

public class MonthlyReportTests(SeededTown town) : IClassFixture<SeededTown>
{
    private LocalApp App => town.App;
    private ReportAssembler Reports => App.Services.GetRequiredService<ReportAssembler>();

    private async Task<byte[]> DownloadAsync(string period, int? version = null)
    {
        var response = await App.SendAsync(HttpMethod.Get, $"/api/towns/{DemoTown.Town}/reports/monthly/{period}{(version is null ? "" : $"?version={version}")}", LocalApp.AdminToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>The sum over the element's units, computed from the generator, not from anything the app stored.</summary>
    private decimal? Expected(DataElement element, Period period) =>
        SeededTown.Units.Where(u => u.Level == element.ReportedBy)
            .Select(u => town.Posted(u.Code, u.Level, element.Code, period))
            .Aggregate((decimal?)null, (sum, v) => v is null ? sum : (sum ?? 0) + v);

    private decimal? ExpectedYearToDate(DataElement element, Period period) =>
        element.Kind == ElementKind.Flow
            ? Enumerable.Range(1, period.Month).Select(m => Expected(element, new Period(period.Year, m))).Aggregate((decimal?)null, (s, v) => v is null ? s : (s ?? 0) + v)
            : Expected(element, period);

    [Fact]
    public async Task Figures_in_the_pdf_equal_the_sums_of_the_submissions()
    {
        var request = await App.SendAsync(HttpMethod.Post, $"/api/towns/{DemoTown.Town}/reports/monthly/2026-10", LocalApp.AdminToken);
        Assert.Equal(HttpStatusCode.Accepted, request.StatusCode);
        await town.WaitForVersionAsync("monthly", "2026-10", 1);

        var text = PdfRendererTests.Poppler("pdftotext", await DownloadAsync("2026-10"), "-layout", "-");

        var rows = text.Split('\n').Select(l => l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToList();
        var period = new Period(2026, 10);
        foreach (var element in town.Catalog.Elements)
        {
            var label = element.Name + (element.Kind == ElementKind.Stock ? "*" : "");
            var row = rows.SingleOrDefault(r => r.Length > 0 && r[0] == label);
            Assert.True(row is not null, $"no row for {label}");
            Assert.True(ChineseFormat.Number(Expected(element, period), element.ShownDecimals) == row[2], $"{element.Code} this month: {row[2]}, expected {ChineseFormat.Number(Expected(element, period), element.ShownDecimals)}; row {string.Join(" | ", row)}");
            Assert.True(ChineseFormat.Number(Expected(element, period.Previous), element.ShownDecimals) == row[3], $"{element.Code} last month: {row[3]}");
            var yearToDate = ChineseFormat.Number(ExpectedYearToDate(element, period), element.ShownDecimals) + (element.Kind == ElementKind.Stock ? "*" : "");
            Assert.True(yearToDate == row[7], $"{element.Code} year to date: {row[7]}, expected {yearToDate} (a stock's level is marked)");
        }

        Assert.Contains("青山镇2026年10月村级统计月报", text, StringComparison.Ordinal);
        Assert.Contains("按时报送", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_month_the_town_reported_shows_dash_for_last_month_and_last_year_not_未报送()
    {
        await Reports.AssembleAsync(new ReportJob(DemoTown.Town, "monthly", "2025-09"), default);

        var pdf = await DownloadAsync("2025-09");

        var text = PdfRendererTests.Poppler("pdftotext", pdf, "-layout", "-");
        var rows = text.Split('\n').Select(l => l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToList();
        foreach (var element in town.Catalog.Elements)
        {
            var row = rows.Single(r => r.Length > 0 && r[0] == element.Name + (element.Kind == ElementKind.Stock ? "*" : ""));
            Assert.True(row[3] == "—" && row[5] == "—", $"{element.Code}: 上月 {row[3]}, 去年同月 {row[5]}; row {string.Join(" | ", row)}");
        }

        Assert.Contains("本镇自2025年9月起报送，此前月份无数据，记为—（不是未报送）", PdfRendererTests.JoinLines(PdfRendererTests.PopplerText(pdf)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_json_beside_the_pdf_holds_the_same_exact_figures()
    {
        var outcome = await Reports.AssembleAsync(new ReportJob(DemoTown.Town, "monthly", "2026-06"), default);

        var blob = await App.ReportBlobAsync(outcome.Version!.JsonBlob);
        var json = (await blob.DownloadContentAsync()).Value.Content.ToObjectFromJson<MonthlyReport>(ReportRenderer.FiguresJson)!;
        var pdfBlob = await App.ReportBlobAsync(outcome.Version!.PdfBlob);
        var properties = (await pdfBlob.GetPropertiesAsync()).Value;

        var tax = json.Sections.SelectMany(s => s.Elements).Single(e => e.Code == "finance.tax_revenue");
        Assert.Equal(Expected(town.Catalog.Find("finance.tax_revenue")!, new Period(2026, 6)), tax.ThisMonth);
        Assert.Equal(outcome.Version.Sha256, properties.Metadata["sha256"]);
        Assert.Equal(outcome.Version.Size, properties.ContentLength);
    }

    [Fact]
    public async Task The_monthly_pdf_passes_qpdf_and_mupdf_checks()
    {
        await Reports.AssembleAsync(new ReportJob(DemoTown.Town, "monthly", "2026-08"), default);

        PdfRendererTests.AssertValid(await DownloadAsync("2026-08"));
    }

    [Fact]
    public async Task A_job_for_a_town_never_registered_fails_towards_the_poison_queue_and_locks_nothing()
    {
        var unknown = DemoTown.Town[..6] + "199000";

        await Assert.ThrowsAsync<InvalidOperationException>(() => Reports.AssembleAsync(new ReportJob(unknown, "monthly", "2026-09"), default));

        Assert.False((await App.Services.GetRequiredService<PeriodStore>().GetAsync(VillageReports.Common.UnitCode.Parse(unknown), new Period(2026, 9), default)).Locked);
    }

    [Fact]
    public async Task Running_the_job_twice_on_the_same_data_makes_no_new_version_and_one_delivery()
    {
        var job = new ReportJob(DemoTown.Town, "monthly", "2026-09");

        var first = await Reports.AssembleAsync(job, default);
        var second = await Reports.AssembleAsync(job, default);

        Assert.Equal(AssemblyStatus.Created, first.Status);
        Assert.Equal(AssemblyStatus.Unchanged, second.Status);
        Assert.Equal(1, second.Version!.Version);
        Assert.True(second.Version.DeliveryQueued);
    }

    [Fact]
    public async Task A_month_marked_stale_with_nothing_changed_makes_no_new_version_and_loses_its_mark()
    {
        var job = new ReportJob(DemoTown.Town, "monthly", "2026-03");
        var first = await Reports.AssembleAsync(job, default);
        var periods = App.Services.GetRequiredService<PeriodStore>();
        await periods.MarkStaleAsync(VillageReports.Common.UnitCode.Parse(DemoTown.Town), new Period(2026, 3), default);

        var again = await Reports.AssembleAsync(job, default);

        Assert.Equal(AssemblyStatus.Unchanged, again.Status);
        Assert.Equal(first.Version!.Version, again.Version!.Version);
        Assert.False((await periods.GetAsync(VillageReports.Common.UnitCode.Parse(DemoTown.Town), new Period(2026, 3), default)).Stale);
    }

    [Fact]
    public async Task A_village_gets_409_once_the_report_is_out()
    {
        var village = DemoTown.Villages[0].Code;
        await Reports.AssembleAsync(new ReportJob(DemoTown.Town, "monthly", "2025-12"), default);

        var response = await App.PutSubmissionAsync(village, "2025-12", town.Tokens[village], """{ "values": { "heating.heaters": 1 } }""");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("urn:village-reports:problem:period-locked", (await response.JsonAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task An_amendment_after_lock_makes_version_2_and_version_1_stays_downloadable()
    {
        var village = DemoTown.Villages[1].Code;
        var v1 = await Reports.AssembleAsync(new ReportJob(DemoTown.Town, "monthly", "2025-11"), default);
        var before = await DownloadAsync("2025-11");

        var amend = await App.PutSubmissionAsync(village, "2025-11", LocalApp.AdminToken, """{ "values": { "heating.heaters": 3 }, "reason": "村文书误报，经核实更正" }""");
        var staleListing = await (await App.SendAsync(HttpMethod.Get, $"/api/towns/{DemoTown.Town}/reports", LocalApp.AdminToken)).JsonAsync();
        var v2 = await Reports.AssembleAsync(new ReportJob(DemoTown.Town, "monthly", "2025-11"), default);

        Assert.Equal(HttpStatusCode.OK, amend.StatusCode);
        Assert.True(staleListing.GetProperty("reports").EnumerateArray().Single(r => r.GetProperty("period").GetString() == "2025-11").GetProperty("stale").GetBoolean());
        Assert.Equal(2, v2.Version!.Version);
        Assert.Equal(before, await DownloadAsync("2025-11", version: 1));
        Assert.Equal(v1.Version!.Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(before)));
        var text = PdfRendererTests.PopplerText(await DownloadAsync("2025-11"));
        Assert.Contains("村文书误报，经核实更正", text.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_county_reads_its_towns_reports_and_a_village_cannot()
    {
        await Reports.AssembleAsync(new ReportJob(DemoTown.Town, "monthly", "2026-05"), default);
        var county = await App.IssueTokenAsync(DemoTown.County);

        var byCounty = await App.SendAsync(HttpMethod.Get, $"/api/towns/{DemoTown.Town}/reports/monthly/2026-05", county);
        var byVillage = await App.SendAsync(HttpMethod.Get, $"/api/towns/{DemoTown.Town}/reports/monthly/2026-05", town.Tokens[DemoTown.Villages[0].Code]);
        var missing = await App.SendAsync(HttpMethod.Get, $"/api/towns/{DemoTown.Town}/reports/monthly/2024-01", county);

        Assert.Equal(HttpStatusCode.OK, byCounty.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byVillage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory]
    [InlineData("weekly", "2026-10")]
    [InlineData("monthly", "2026-13")]
    [InlineData("annual", "26")]
    public async Task A_bad_kind_or_period_returns_400(string kind, string period)
    {
        var response = await App.SendAsync(HttpMethod.Post, $"/api/towns/{DemoTown.Town}/reports/{kind}/{period}", LocalApp.AdminToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_report_for_a_month_not_begun_returns_409()
    {
        var response = await App.SendAsync(HttpMethod.Post, $"/api/towns/{DemoTown.Town}/reports/monthly/2026-12", LocalApp.AdminToken);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task The_timer_enqueues_the_previous_month_and_rebuilds_months_amended_after_their_report()
    {
        var village = DemoTown.Villages[2].Code;
        await Reports.AssembleAsync(new ReportJob(DemoTown.Town, "monthly", "2025-10"), default);
        await App.PutSubmissionAsync(village, "2025-10", LocalApp.AdminToken, """{ "values": { "heating.heaters": 2 }, "reason": "补报更正" }""");

        var count = await App.Services.GetRequiredService<ReportRequests>().EnqueueForAllTownsAsync(ReportKind.Monthly, default);
        await town.WaitForVersionAsync("monthly", "2026-10", 1);
        await town.WaitForVersionAsync("monthly", "2025-10", 2);

        Assert.True(count >= 2, $"{count} jobs");
        var state = await App.Services.GetRequiredService<PeriodStore>().GetAsync(UnitCode.Parse(DemoTown.Town), new Period(2025, 10), default);
        Assert.False(state.Stale);
        Assert.True(state.Locked);
    }
}
