using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using VillageReports.Catalog;
using VillageReports.Local;
using VillageReports.Pdf;
using VillageReports.Reports;
using VillageReports.Submissions;
using VillageReports.Tests.Pdf;
using VillageReports.Units;

namespace VillageReports.Tests.Reports;

public class ReportRendererTests
{
    private static readonly ReportRenderer Renderer = new(new AnnualNarrative());
    private static readonly DateTimeOffset At = new(2026, 11, 6, 2, 0, 0, TimeSpan.FromHours(8));
    private static readonly Lazy<Aggregator> Demo = new(DemoFigures);
    private static readonly Lazy<byte[]> Monthly = new(() => Renderer.Render(ReportPeriod.Month(new Period(2026, 10)), Demo.Value, At).Pdf);
    private static readonly Lazy<byte[]> Annual = new(() => Renderer.Render(ReportPeriod.OfYear(2025), Demo.Value, At).Pdf);

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

    [Theory]
    [InlineData(ReportKind.Monthly)]
    [InlineData(ReportKind.Annual)]
    public void A_report_ends_its_text_with_the_issuing_bodies_and_its_own_date_right_aligned(ReportKind kind)
    {
        using var pdf = PdfDocument.Open(kind == ReportKind.Monthly ? Monthly.Value : Annual.Value);

        var lines = pdf.GetPages().SelectMany(TextLines).ToList();

        var page = PageSetup.GbT9704;
        var rightEdge = page.Width - page.Right - (Typography.Body.Size * 2);
        var bodies = Assert.Single(lines, l => l.Text == "中共青山镇委员会青山镇人民政府");
        var date = Assert.Single(lines, l => l.Text == "2026年11月6日");
        Assert.Equal(rightEdge, bodies.Right, 0.5);
        Assert.Equal(rightEdge, date.Right, 0.5);
        Assert.True(date.Top > bodies.Top, "the date sits under the issuing bodies");
        Assert.DoesNotContain(lines, l => l.Text.Contains(DateTime.Today.ToString("yyyy年M月d日", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal) && DateTime.Today != At.Date);
    }

    [Theory]
    [InlineData(ReportKind.Monthly)]
    [InlineData(ReportKind.Annual)]
    public void No_text_in_a_report_is_smaller_than_9_pt(ReportKind kind)
    {
        using var pdf = PdfDocument.Open(kind == ReportKind.Monthly ? Monthly.Value : Annual.Value);

        var smallest = pdf.GetPages().SelectMany(p => p.Letters).Where(l => !string.IsNullOrWhiteSpace(l.Value)).MinBy(l => l.PointSize)!;

        Assert.True(smallest.PointSize >= 9 - 0.01, $"'{smallest.Value}' is set in {smallest.PointSize:0.##} pt");
    }

    [Theory]
    [InlineData(ReportKind.Monthly)]
    [InlineData(ReportKind.Annual)]
    public void Every_page_is_at_least_half_full_except_the_last_of_a_section(ReportKind kind)
    {
        using var pdf = PdfDocument.Open(kind == ReportKind.Monthly ? Monthly.Value : Annual.Value);
        var page = PageSetup.GbT9704;
        var pages = pdf.GetPages().Select(p => TextLines(p).Where(l => !l.Text.StartsWith('—')).ToList()).ToList();

        for (var i = 0; i < pages.Count - 1; i++)
        {
            var sectionEnds = pages[i + 1].Count > 0 && pages[i + 1].MinBy(l => l.Top)!.Text.StartsWith("附件", StringComparison.Ordinal);
            var fill = (pages[i].Max(l => l.Bottom) - page.Top) / page.Content.Height;
            Assert.True(sectionEnds || fill >= 0.5, $"page {i + 1} of the {kind} report is {fill:P0} full");
        }
    }

    [Fact]
    public void Tables_are_numbered_throughout()
    {
        var text = PdfRendererTests.PopplerText(Annual.Value);

        // pdftotext starts each page with a form feed: a caption at the top of a page follows it.
        var captions = text.Split('\n').Select(l => l.TrimStart('\f')).Where(l => l.StartsWith('表')).ToList();

        Assert.NotEmpty(captions);
        Assert.All(captions, c => Assert.Matches(@"^表\d+ ", c));
        Assert.Equal(Enumerable.Range(1, captions.Count).Select(n => $"表{n} "), captions.Select(c => c[..(c.IndexOf(' ', StringComparison.Ordinal) + 1)]));
    }

    /// <summary>A town that began reporting in September 2026: every unit posts every element from then on, nothing before.</summary>
    private static readonly Lazy<Aggregator> SinceSeptember = new(() =>
        SmallTown.Reporting(new Period(2026, 9), new Period(2026, 10), (e, unit, p) => 10 + p.Month + (unit == SmallTown.B ? 5 : 0)));

    /// <summary>The table rows of a report as pdftotext -layout lays them out: cells split on runs of spaces, keyed by the row's first cell.</summary>
    private static Dictionary<string, string[]> Rows(byte[] pdf) =>
        PdfRendererTests.Poppler("pdftotext", pdf, "-layout", "-").Split('\n')
            .Select(l => l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Where(r => r.Length > 3)
            .GroupBy(r => r[0])
            .ToDictionary(g => g.Key, g => g.First());

    private static string Label(DataElement e) => e.Name + (e.Kind == ElementKind.Stock ? "*" : "");

    [Fact]
    public void Months_before_a_town_began_reporting_read_dash_in_the_monthly_tables_not_未报送()
    {
        var (pdf, json) = Renderer.Render(ReportPeriod.Month(new Period(2026, 9)), SinceSeptember.Value, At);

        var report = System.Text.Json.JsonSerializer.Deserialize<MonthlyReport>(json, ReportRenderer.FiguresJson)!;
        var rows = Rows(pdf);
        var text = PdfRendererTests.JoinLines(PdfRendererTests.PopplerText(pdf));

        Assert.False(report.LastMonthHasData);
        Assert.All(SmallTown.Catalog.Elements, e =>
        {
            Assert.True(rows.TryGetValue(Label(e), out var row), $"no row for {Label(e)}");
            Assert.True(row[3] == "—" && row[5] == "—", $"{e.Code}: 上月 {row[3]}, 去年同月 {row[5]}");
            Assert.True(row[4] == "—" && row[6] == "—", $"{e.Code}: 环比 {row[4]}, 同比 {row[6]}");
            Assert.NotEqual("—", row[2]);
        });
        Assert.Contains("本镇自2026年9月起报送，此前月份无数据，记为—（不是未报送）；本年累计自9月起计。", text, StringComparison.Ordinal);
        Assert.Contains("上月无数据", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_month_whose_last_month_has_data_keeps_its_figures_and_dashes_only_last_year()
    {
        var (pdf, _) = Renderer.Render(ReportPeriod.Month(new Period(2026, 10)), SinceSeptember.Value, At);

        var rows = Rows(pdf);

        var heaters = SmallTown.Catalog.Elements.First(e => e.Kind == ElementKind.Flow && e.ReportedBy == UnitLevel.Village);
        var row = rows[Label(heaters)];
        Assert.Equal(ChineseFormat.Number(19 + 24, heaters.ShownDecimals), row[3]); // September: 10 + 9 in 甲村, + 5 in 乙村
        Assert.Equal("—", row[5]);
    }

    [Fact]
    public void A_stocks_year_to_date_is_its_level_marked_and_a_flows_is_its_sum_unmarked()
    {
        var (pdf, json) = Renderer.Render(ReportPeriod.Month(new Period(2026, 10)), SinceSeptember.Value, At);

        var report = System.Text.Json.JsonSerializer.Deserialize<MonthlyReport>(json, ReportRenderer.FiguresJson)!;
        var rows = Rows(pdf);
        var text = PdfRendererTests.JoinLines(PdfRendererTests.PopplerText(pdf));

        var elements = report.Sections.SelectMany(s => s.Elements).ToList();
        Assert.Contains(elements, e => e.Kind == ElementKind.Stock);
        Assert.All(elements, e =>
        {
            var row = rows[e.Name + (e.Kind == ElementKind.Stock ? "*" : "")];
            var expected = ChineseFormat.Number(e.YearToDate, e.Decimals) + (e.Kind == ElementKind.Stock ? "*" : "");
            Assert.True(expected == row[7], $"{e.Code} ({e.Kind}): 本年累计 {row[7]}, expected {expected}");
        });
        var stock = elements.First(e => e.Kind == ElementKind.Stock);
        Assert.Equal(stock.ThisMonth, stock.YearToDate); // a level, not September plus October
        Assert.Contains("其“本年累计”栏为期末数", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_annual_tables_of_a_town_that_began_in_september_read_dash_for_last_year_and_say_why()
    {
        var (pdf, json) = Renderer.Render(ReportPeriod.OfYear(2026), SinceSeptember.Value, At);

        var report = System.Text.Json.JsonSerializer.Deserialize<AnnualReport>(json, ReportRenderer.FiguresJson)!;
        var rows = Rows(pdf);
        var text = PdfRendererTests.JoinLines(PdfRendererTests.PopplerText(pdf));

        Assert.False(report.LastYearHasData);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], report.MonthsWithoutData);
        Assert.All(report.Sections.SelectMany(s => s.Elements), e =>
        {
            var row = rows[e.Name + (e.Kind == ElementKind.Stock ? "*" : "")];
            var expected = ChineseFormat.Number(e.Year, e.Decimals) + (e.Kind == ElementKind.Stock ? "*" : "");
            Assert.True(expected == row[2], $"{e.Code} ({e.Kind}): 2026年 {row[2]}, expected {expected}");
            Assert.True(row[3] == "—", $"{e.Code}: 2025年 {row[3]}");
        });
        Assert.Contains("带*的存量指标为年末数", text, StringComparison.Ordinal);
        Assert.Contains("1–8月本镇尚未开始报送，无数据，全年数自9月起计。2025年本镇未全年报送，无可比数据，记为—。", text, StringComparison.Ordinal);
        Assert.Contains("注：1–8月本镇尚未开始报送，不计为未报送。", text, StringComparison.Ordinal);
        Assert.DoesNotContain("1月、2月", text, StringComparison.Ordinal); // no month before September is listed as missing
    }

    [Theory]
    [InlineData(new[] { 1, 2, 3, 4, 5, 6, 7, 8 }, "1–8月")]
    [InlineData(new[] { 1 }, "1月")]
    [InlineData(new[] { 1, 3, 5 }, "1、3、5月")]
    public void Months_read_as_a_run_or_a_list(int[] months, string expected)
    {
        Assert.Equal(expected, ChineseFormat.Months(months));
    }

    /// <summary>Lines of text read back from PdfPig's letters: grouped by baseline, left to right, with their extent in points from the top left.</summary>
    private static IEnumerable<(string Text, double Left, double Right, double Top, double Bottom)> TextLines(Page page) =>
        page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value))
            .GroupBy(l => Math.Round(l.StartBaseLine.Y, 0))
            .Select(g => g.OrderBy(l => l.StartBaseLine.X).ToList())
            .Select(letters => (
                string.Concat(letters.Select(l => l.Value)),
                letters.Min(l => l.StartBaseLine.X),
                letters.Max(l => l.EndBaseLine.X),
                page.Height - letters.Max(l => l.BoundingBox.Top),
                page.Height - letters.Min(l => l.BoundingBox.Bottom)));

    /// <summary>The demo town (12 villages and the town office, every element, January last year to October), as the loader would return it.</summary>
    internal static Aggregator DemoFigures()
    {
        var catalog = ElementCatalog.LoadEmbedded();
        var code = UnitCode.Parse(DemoTown.Town);
        var town = new Town(code, DemoTown.TownName, code.County, DemoTown.Villages.Select(v => new Village(UnitCode.Parse(v.Code), v.Name)).ToList());
        var current = new Dictionary<(UnitCode, Period), Submission>();
        foreach (var unit in town.ExpectedUnits)
        {
            for (var p = new Period(2025, 1); p <= new Period(2026, 10); p = p.Next)
            {
                current[(unit.Code, p)] = new Submission(unit.Code, p, 1, DemoTown.Figures(catalog, unit.Code.Value, unit.Level, p), null, null, At, unit.Code.Value, false, []);
            }
        }

        return new Aggregator(catalog, new ReportData(town, current, new Dictionary<string, decimal> { ["finance.tax_revenue"] = 5000 }, []));
    }
}
