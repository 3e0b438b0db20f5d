using VillageReports.Catalog;
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
}
