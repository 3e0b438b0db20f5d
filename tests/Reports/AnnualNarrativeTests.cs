using System.Text.RegularExpressions;
using VillageReports.Catalog;
using VillageReports.Local;
using VillageReports.Reports;
using VillageReports.Submissions;
using VillageReports.Units;

namespace VillageReports.Tests.Reports;

public class AnnualNarrativeTests
{
    private static readonly UnitCode TownCode = SmallTown.Code, A = SmallTown.A, B = SmallTown.B;

    private static Aggregator Figures(Dictionary<string, decimal>? targets = null, params (UnitCode Unit, int Month, string Code, decimal Value)[] values) =>
        SmallTown.With(targets, values.Select(v => (v.Unit, new Period(2026, v.Month), v.Code, v.Value)).ToArray());

    private static string Render(string source, Aggregator figures) =>
        string.Join("\n", AnnualNarrative.Render(new NarrativeTemplate("test.liquid", source), figures, 2026));

    private static IReadOnlyList<string> Shipped(Aggregator figures, int year = 2026) =>
        AnnualNarrative.Render(new AnnualNarrative(Path.Combine(AppContext.BaseDirectory, "Templates", AnnualNarrative.DefaultFile)).Default(), figures, year);

    /// <summary>A zero written as a count or amount in running text ("举办大型文艺汇演0场", "0.00万元"): a clerk would not write it.</summary>
    private static readonly Regex ZeroPhrase = new(@"(?<![\d.,])0(\.0+)?(个|场|起|次|户|人|名|家|支|座|眼|例|项|万元|亿元|万美元|公里|米|平方米|亩|元)", RegexOptions.CultureInvariant);

    [Fact]
    public void The_shipped_template_fills_every_slot_and_leaves_no_XX()
    {
        var figures = Figures(new() { ["finance.tax_revenue"] = 1000 }, (TownCode, 1, "finance.tax_revenue", 600), (TownCode, 2, "finance.tax_revenue", 500.5m));
        var path = Path.Combine(AppContext.BaseDirectory, "Templates", AnnualNarrative.DefaultFile);

        var paragraphs = AnnualNarrative.Render(new AnnualNarrative(path).Default(), figures, 2026);
        var text = string.Join("\n", paragraphs);

        Assert.DoesNotContain("XX", text, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", text, StringComparison.Ordinal);
        Assert.Contains("全年完成税收1,100.50万元，完成年度任务的110.1%", text, StringComparison.Ordinal);
        Assert.Contains("# 一、抓学习，促廉洁，保稳定", paragraphs);
        Assert.Contains("# 三、夯基础，抓扶贫，促民生", paragraphs);
    }

    [Fact]
    public void A_figure_nobody_reported_reads_not_reported_never_zero()
    {
        var text = Render("""税收{{ "finance.tax_revenue" | figure }}，{{ "finance.tax_revenue" | change }}，参合率{{ "insurance.ncms_rate" | indicator }}。""", Figures());

        Assert.Equal("税收未报送，本年未报送，参合率未报送。", text);
    }

    [Fact]
    public void Flows_add_up_and_stocks_take_the_last_month()
    {
        var figures = Figures(null,
            (A, 3, "heating.heaters", 2), (A, 11, "heating.heaters", 5), (B, 12, "heating.heaters", 1),
            (A, 6, "security.cameras", 10), (A, 12, "security.cameras", 12), (B, 7, "security.cameras", 30));

        var text = Render("""{{ "heating.heaters" | figure }} {{ "security.cameras" | figure }} {{ "births.male,births.female" | figure }}""", figures);

        Assert.Equal("8户 42个 未报送", text);
    }

    [Fact]
    public void Villages_at_least_counts_the_villages_that_reached_a_year_figure()
    {
        var figures = Figures(null, (A, 1, "collective.income", 3), (A, 2, "collective.income", 3), (B, 1, "collective.income", 4));

        Assert.Equal("1", Render("""{{ "collective.income" | villages_at_least: 5 }}""", figures));
    }

    [Fact]
    public void An_unknown_element_is_an_error_naming_its_line()
    {
        var error = Assert.Throws<TemplateException>(() => Render("第一行\n\n第二行{{ \"no.such_code\" | figure }}", Figures()));

        Assert.Contains("no.such_code", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_syntax_error_is_an_error_naming_the_template_and_line()
    {
        var error = Assert.Throws<TemplateException>(() => Render("第一行\n第二行{{ \"finance.tax_revenue\" | figure ", Figures()));

        Assert.Contains("test.liquid", error.Message, StringComparison.Ordinal);
        Assert.Contains("(2:", error.Message, StringComparison.Ordinal); // Fluid's line:column
    }

    [Fact]
    public void An_unknown_variable_or_filter_is_an_error_not_a_blank()
    {
        Assert.Throws<TemplateException>(() => Render("{{ mayor }}", Figures()));
        Assert.Throws<TemplateException>(() => Render("{{ \"finance.tax_revenue\" | figur }}", Figures()));
    }

    [Fact]
    public void A_town_of_zeros_reads_as_a_clerk_writes_with_no_zero_counts()
    {
        var figures = SmallTown.Reporting(new Period(2025, 1), new Period(2026, 12), (_, _, _) => 0);

        var text = string.Join("\n", Shipped(figures));

        Assert.Empty(ZeroPhrase.Matches(text).Select(m => m.Value));
        Assert.Contains("全年未发生一起进京事实访和恶性案件", text, StringComparison.Ordinal);
        Assert.DoesNotContain("未报送", text, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Incidents_are_stated_plainly_when_there_were_some()
    {
        var figures = Figures(null, (TownCode, 3, "stability.petitions_to_beijing", 2), (TownCode, 4, "stability.serious_cases", 0));

        var text = string.Join("\n", Shipped(figures));

        Assert.Contains("全年发生进京事实访2起，", text, StringComparison.Ordinal);
        Assert.DoesNotContain("恶性案件0", text, StringComparison.Ordinal);
        Assert.DoesNotContain("未发生一起", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_passed_target_reads_as_overfulfilled_and_a_missed_one_does_not()
    {
        var passed = Figures(new() { ["poverty.households_lifted"] = 10 }, (A, 1, "poverty.households_lifted", 8), (B, 2, "poverty.households_lifted", 4));
        var missed = Figures(new() { ["poverty.households_lifted"] = 20 }, (A, 1, "poverty.households_lifted", 8));

        Assert.Contains("全年脱贫12户", string.Join("\n", Shipped(passed)), StringComparison.Ordinal);
        Assert.Contains("超额完成年度脱贫任务", string.Join("\n", Shipped(passed)), StringComparison.Ordinal);
        Assert.Contains("完成年度任务的40.0%", string.Join("\n", Shipped(missed)), StringComparison.Ordinal);
        Assert.DoesNotContain("超额完成年度脱贫任务", string.Join("\n", Shipped(missed)), StringComparison.Ordinal);
    }

    [Fact]
    public void Amounts_show_their_display_precision_not_the_posted_one()
    {
        var figures = Figures(new() { ["investment.domestic"] = 6.5m },
            (TownCode, 1, "investment.domestic", 3.3272m), (TownCode, 2, "investment.domestic", 3.3272m));

        var text = Render("""内资{{ "investment.domestic" | figure }}，{{ "investment.domestic" | target_percent }}""", figures);

        Assert.Equal("内资6.65亿元，102.4%", text);
    }

    [Fact]
    public void Last_year_before_the_town_reported_is_no_comparable_data_but_a_figure_unreported_last_year_is_said_so()
    {
        var startedThisYear = Figures(null, (TownCode, 1, "finance.tax_revenue", 500));
        var reportedLastYearWithoutTax = SmallTown.With(null,
            (TownCode, new Period(2025, 1), "parks.investment", 10), (TownCode, new Period(2026, 1), "finance.tax_revenue", 500));

        Assert.Equal("上年无可比数据", Render("""{{ "finance.tax_revenue" | change }}""", startedThisYear));
        Assert.Equal("上年未报送，无法比较", Render("""{{ "finance.tax_revenue" | change }}""", reportedLastYearWithoutTax));
    }

    [Fact]
    public void The_annex_agrees_with_the_narrative_on_no_data_and_not_reported()
    {
        // The town began in July 2026: last year has no data (not 未报送), nor have January to June.
        var figures = SmallTown.With(null, (TownCode, new Period(2026, 7), "finance.tax_revenue", 500), (A, new Period(2026, 8), "heating.heaters", 3));

        var report = AnnualFigures.Compute(figures, 2026, DateTimeOffset.UnixEpoch, Shipped(figures));

        var tax = report.Sections.SelectMany(s => s.Elements).Single(e => e.Code == "finance.tax_revenue");
        Assert.Equal("2026-07", report.DataSince);
        Assert.False(report.LastYearHasData);
        Assert.Null(tax.LastYear);
        Assert.Equal(ChangeMark.NoData, tax.Change.Mark);
        Assert.Equal("—", ChineseFormat.Change(tax.Change));
        Assert.Equal([1, 2, 3, 4, 5, 6], report.MonthsWithoutData);
        Assert.Equal([8, 9, 10, 11, 12], report.Completeness.Single(u => u.Code == TownCode.Value).MissingMonths);
        Assert.Equal([7, 9, 10, 11, 12], report.Completeness.Single(u => u.Code == A.Value).MissingMonths);
        Assert.Contains(report.Narrative, p => p.Contains("全年完成税收500.00万元，上年无可比数据", StringComparison.Ordinal));
        Assert.Contains(report.Narrative, p => p.Contains("本镇自2026年7月起报送数据", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_village_with_income_reads_as_one_hundred_percent_and_all_elections_as_complete()
    {
        var figures = Figures(null, (A, 3, "collective.income", 6), (B, 4, "collective.income", 12.5m), (A, 11, "party.elections_completed", 1), (B, 12, "party.elections_completed", 1));

        var text = string.Join("\n", Shipped(figures));

        Assert.Contains("有集体经济收入的村达到100%，收入5万元（含）以上的村2个，其中10万元（含）以上的1个", text, StringComparison.Ordinal);
        Assert.Contains("全镇2个村“两委”换届全部圆满完成", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_demo_towns_year_reads_with_no_zero_counts_and_plausible_figures()
    {
        var catalog = SmallTown.Catalog;
        var town = new Town(UnitCode.Parse(DemoTown.Town), DemoTown.TownName, UnitCode.Parse(DemoTown.County), [.. DemoTown.Villages.Select(v => new Village(UnitCode.Parse(v.Code), v.Name))]);
        var current = new Dictionary<(UnitCode, Period), Submission>();
        foreach (var unit in town.ExpectedUnits)
        {
            for (var period = new Period(2024, 1); period <= new Period(2025, 12); period = period.Next)
            {
                current[(unit.Code, period)] = new Submission(unit.Code, period, 1, DemoTown.Figures(catalog, unit.Code.Value, unit.Level, period), null, null, DateTimeOffset.UnixEpoch, "x", false, []);
            }
        }

        var figures = new Aggregator(catalog, new ReportData(town, current, DemoTown.Targets, []));
        var text = string.Join("\n", Shipped(figures, 2025));

        Assert.Empty(ZeroPhrase.Matches(text).Select(m => m.Value));
        Assert.DoesNotContain("未报送", text, StringComparison.Ordinal);
        Assert.DoesNotContain("上年无可比数据", text, StringComparison.Ordinal);
        var ratio = Aggregator.Ratio(catalog.Indicators.Single(i => i.Code == "births.sex_ratio"), AnnualFigures.Year(figures, "births.male", 2025), AnnualFigures.Year(figures, "births.female", 2025));
        Assert.InRange(ratio!.Value, 100m, 110m);
        Assert.InRange(AnnualFigures.Year(figures, "renovation.bridges", 2025)!.Value, 0m, 8m);
        Assert.InRange(AnnualFigures.Year(figures, "births.male", 2025)!.Value + AnnualFigures.Year(figures, "births.female", 2025)!.Value, 120m, 260m);
        Assert.Equal(0m, AnnualFigures.Year(figures, "stability.serious_cases", 2025));
    }
}
