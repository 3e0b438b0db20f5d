using UglyToad.PdfPig;
using VillageReports.Reports;
using VillageReports.Tests.Pdf;

namespace VillageReports.Tests.Reports;

/// <summary>The demo town's reports as the county receives them: small, valid, their fonts embedded once per face.</summary>
public class ReportPdfSizeTests
{
    /// <summary>Issue 15's goal for the monthly report; PDFsharp's own subsets made it ~40 KB a page.</summary>
    private const int MaxBytesPerPage = 25_000;

    private static readonly ReportRenderer Renderer = new(new AnnualNarrative());
    private static readonly DateTimeOffset At = new(2026, 11, 6, 2, 0, 0, TimeSpan.FromHours(8));
    private static readonly Lazy<byte[]> Monthly = new(() => Renderer.Render(ReportPeriod.Month(new Period(2026, 10)), ReportRendererTests.DemoFigures(), At).Pdf);
    private static readonly Lazy<byte[]> Annual = new(() => Renderer.Render(ReportPeriod.OfYear(2025), ReportRendererTests.DemoFigures(), At).Pdf);

    [Theory]
    [InlineData(ReportKind.Monthly)]
    [InlineData(ReportKind.Annual)]
    public void A_report_of_the_demo_town_takes_at_most_25_KB_a_page(ReportKind kind)
    {
        var bytes = Report(kind);

        using var pdf = PdfDocument.Open(bytes);
        Assert.True(pdf.NumberOfPages >= 4, $"{pdf.NumberOfPages} pages");
        Assert.True(bytes.Length <= MaxBytesPerPage * pdf.NumberOfPages, $"{bytes.Length} bytes for {pdf.NumberOfPages} pages: {bytes.Length / pdf.NumberOfPages} a page");
    }

    [Theory]
    [InlineData(ReportKind.Monthly)]
    [InlineData(ReportKind.Annual)]
    public void Qpdf_and_mupdf_find_nothing_wrong_with_a_report(ReportKind kind)
    {
        PdfRendererTests.AssertValid(Report(kind));
    }

    [Theory]
    [InlineData(ReportKind.Monthly)]
    [InlineData(ReportKind.Annual)]
    public void Each_face_is_embedded_once_subset_and_with_its_unicode_map(ReportKind kind)
    {
        var fonts = PdfRendererTests.Poppler("pdffonts", Report(kind)).Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();
        var programs = PdfObjectsRead.Of(Report(kind)).WithKey("/FontFile2").Select(d => d.GetProperty("/FontFile2").GetString()).ToList();

        Assert.Equal(4, fonts.Count);
        Assert.Equal(fonts.Count, fonts.Select(l => l[7..l.IndexOf("  ", StringComparison.Ordinal)]).Distinct().Count());
        Assert.All(fonts, line => Assert.Matches(@"\byes\s+yes\s+yes\b", line)); // emb, sub, uni
        Assert.Equal(fonts.Count, programs.Distinct().Count());
    }

    [Fact]
    public void The_monthly_report_reads_back_letter_by_letter_as_written()
    {
        using var pdf = PdfDocument.Open(Monthly.Value);

        var firstPage = string.Concat(pdf.GetPage(1).Letters.Select(l => l.Value));

        Assert.Contains("青山镇2026年10月村级统计月报", firstPage, StringComparison.Ordinal);
        Assert.Contains("本期应报单位13个，按时报送13个，逾期报送0个，未报送0个。", firstPage, StringComparison.Ordinal);
    }

    private static byte[] Report(ReportKind kind) => kind == ReportKind.Monthly ? Monthly.Value : Annual.Value;
}
