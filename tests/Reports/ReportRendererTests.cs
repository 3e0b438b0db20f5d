using VillageReports.Reports;
using VillageReports.Submissions;
using VillageReports.Tests.Pdf;

namespace VillageReports.Tests.Reports;

public class ReportRendererTests
{
    private static readonly ReportRenderer Renderer = new(new AnnualNarrative());
    private static readonly DateTimeOffset At = new(2026, 11, 6, 2, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void A_town_where_nobody_reported_still_gets_a_monthly_report_that_says_so()
    {
        var (pdf, json) = Renderer.Render(ReportPeriod.Month(new Period(2026, 10)), SmallTown.With(null), At);

        var text = string.Concat(PdfRendererTests.PopplerText(pdf).Where(c => !char.IsWhiteSpace(c)));
        Assert.Contains("应报单位3个，按时报送0个，逾期报送0个，未报送3个（青山镇、甲村、乙村）", text, StringComparison.Ordinal);
        Assert.Contains("未报送", text, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", text, StringComparison.Ordinal);
        Assert.NotEmpty(json);
    }

    [Fact]
    public void A_town_where_nobody_reported_still_gets_an_annual_report_with_no_XX_and_no_zeros_invented()
    {
        var (pdf, _) = Renderer.Render(ReportPeriod.OfYear(2025), SmallTown.With(null), At);

        var text = string.Concat(PdfRendererTests.PopplerText(pdf).Where(c => !char.IsWhiteSpace(c)));
        Assert.Contains("全年完成税收未报送", text, StringComparison.Ordinal);
        Assert.DoesNotContain("XX", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_figures_and_clock_give_the_same_report_bytes()
    {
        var figures = SmallTown.With(null, (SmallTown.A, new Period(2026, 10), "heating.heaters", 3));

        var first = Renderer.Render(ReportPeriod.Month(new Period(2026, 10)), figures, At);
        var second = Renderer.Render(ReportPeriod.Month(new Period(2026, 10)), figures, At);

        Assert.Equal(first.Pdf, second.Pdf);
        Assert.Equal(first.Json, second.Json);
    }
}
