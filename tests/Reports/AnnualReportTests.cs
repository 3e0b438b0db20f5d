using System.Net;
using Microsoft.Extensions.DependencyInjection;
using VillageReports.Catalog;
using VillageReports.Local;
using VillageReports.Reports;
using VillageReports.Submissions;
using VillageReports.Tests.Pdf;
using VillageReports.Tests.Support;
using VillageReports.Units;

namespace VillageReports.Tests.Reports;

public class AnnualReportTests(SeededTown town) : IClassFixture<SeededTown>
{
    private LocalApp App => town.App;

    /// <summary>The year's figure from the generator: flows summed over the months posted, stocks at December.</summary>
    private decimal? ExpectedYear(DataElement element, int year)
    {
        decimal? total = null;
        foreach (var (code, level) in SeededTown.Units.Where(u => u.Level == element.ReportedBy))
        {
            var months = Enumerable.Range(1, 12).Select(m => town.Posted(code, level, element.Code, new Period(year, m))).ToList();
            var value = element.Kind == ElementKind.Flow
                ? months.Aggregate((decimal?)null, (s, v) => v is null ? s : (s ?? 0) + v)
                : months.LastOrDefault(v => v is not null);
            total = value is null ? total : (total ?? 0) + value;
        }

        return total;
    }

    [Fact]
    public async Task The_annual_pdf_shows_each_flows_total_and_each_stocks_december_level_with_no_XX()
    {
        var request = await App.SendAsync(HttpMethod.Post, $"/api/towns/{DemoTown.Town}/reports/annual/2025", LocalApp.AdminToken);
        Assert.Equal(HttpStatusCode.Accepted, request.StatusCode);
        await town.WaitForVersionAsync("annual", "2025", 1);

        var pdf = await (await App.SendAsync(HttpMethod.Get, $"/api/towns/{DemoTown.Town}/reports/annual/2025", LocalApp.AdminToken)).Content.ReadAsByteArrayAsync();
        var text = PdfRendererTests.Poppler("pdftotext", pdf, "-layout", "-");

        Assert.DoesNotContain("XX", text, StringComparison.Ordinal);
        var rows = text.Split('\n').Select(l => l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToList();
        foreach (var element in town.Catalog.Elements)
        {
            var label = element.Name + (element.Kind == ElementKind.Stock ? "*" : "");
            var row = rows.SingleOrDefault(r => r.Length > 2 && r[0] == label);
            Assert.True(row is not null, $"no appendix row for {label}");
            var expected = ChineseFormat.Number(ExpectedYear(element, 2025), element.ShownDecimals) + (element.Kind == ElementKind.Stock ? "*" : ""); // a stock's December level, marked
            Assert.True(expected == row[2], $"{element.Code}: the PDF shows {row[2]}, the submissions add up to {expected}");
        }

        var flat = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        var tax = ChineseFormat.Amount(ExpectedYear(town.Catalog.Find("finance.tax_revenue")!, 2025), 2, "万元");
        Assert.Contains($"全年完成税收{tax}", flat, StringComparison.Ordinal);
        Assert.Contains("2025年述学述职述廉述法报告", flat, StringComparison.Ordinal);
        Assert.Contains("一、抓学习，促廉洁，保稳定", flat, StringComparison.Ordinal);
        Assert.Contains("二、建园区，育龙头，创小镇", flat, StringComparison.Ordinal);
        Assert.Contains("三、夯基础，抓扶贫，促民生", flat, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Months_before_the_town_began_reporting_are_no_data_not_missing_in_the_completeness_appendix()
    {
        var outcome = await App.Services.GetRequiredService<ReportAssembler>().AssembleAsync(new ReportJob(DemoTown.Town, "annual", "2025"), default);
        var json = await (await App.ReportBlobAsync(outcome.Version!.JsonBlob)).DownloadContentAsync();

        var report = json.Value.Content.ToObjectFromJson<AnnualReport>(ReportRenderer.FiguresJson)!;

        // The seeded town began reporting in September 2025: January to August have no data, which is not 未报送.
        Assert.Equal("2025-09", report.DataSince);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], report.MonthsWithoutData);
        Assert.All(report.Completeness, u => Assert.Empty(u.MissingMonths));
        Assert.DoesNotContain(report.Narrative, p => p.Contains("XX", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_annual_pdf_is_valid_and_every_narrative_paragraph_extracts_as_written()
    {
        var outcome = await App.Services.GetRequiredService<ReportAssembler>().AssembleAsync(new ReportJob(DemoTown.Town, "annual", "2025"), default);
        var pdf = (await (await App.ReportBlobAsync(outcome.Version!.PdfBlob)).DownloadContentAsync()).Value.Content.ToArray();
        var report = (await (await App.ReportBlobAsync(outcome.Version.JsonBlob)).DownloadContentAsync()).Value.Content.ToObjectFromJson<AnnualReport>(ReportRenderer.FiguresJson)!;

        var text = PdfRendererTests.JoinLines(PdfRendererTests.PopplerText(pdf));

        PdfRendererTests.AssertValid(pdf);
        Assert.True(report.Narrative.Count > 10, $"{report.Narrative.Count} paragraphs");
        Assert.All(report.Narrative.Select(p => p.TrimStart('#', ' ')), paragraph => Assert.Contains(paragraph, text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_broken_template_fails_the_job_with_its_line_and_stores_nothing()
    {
        var broken = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.liquid");
        await File.WriteAllTextAsync(broken, "第一段\n\n全年税收{{ \"finance.no_such\" | figure }}。");
        var narrative = new AnnualNarrative(broken);
        var service = ActivatorUtilities.CreateInstance<ReportAssembler>(App.Services, new ReportRenderer(narrative), new AnnualTemplates(App.Services.GetRequiredService<VillageReports.Catalog.ElementCatalog>(), App.Services.GetRequiredService<ReportStore>(), narrative, TimeProvider.System));

        var error = await Assert.ThrowsAsync<TemplateException>(() => service.AssembleAsync(new ReportJob(DemoTown.Town, "annual", "2024"), default));

        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
        Assert.Null(await App.Services.GetRequiredService<ReportStore>().LatestAsync(UnitCode.Parse(DemoTown.Town), ReportPeriod.OfYear(2024), default));
    }
}
