using VillageReports.Catalog;
using VillageReports.Reports;
using VillageReports.Submissions;
using VillageReports.Units;

namespace VillageReports.Tests.Reports;

public class AggregatorTests
{
    private static readonly ElementCatalog Catalog = SmallTown.Catalog;
    private static readonly UnitCode A = SmallTown.A, B = SmallTown.B;

    private static Aggregator With(params (UnitCode Unit, string Period, string Code, decimal Value)[] values) =>
        SmallTown.With(null, values.Select(v => (v.Unit, Period.Parse(v.Period), v.Code, v.Value)).ToArray());

    [Fact]
    public void A_month_sums_its_units()
    {
        var figures = With((A, "2026-10", "heating.heaters", 3), (B, "2026-10", "heating.heaters", 4));

        Assert.Equal(7m, figures.Month("heating.heaters", new Period(2026, 10)));
        Assert.Equal(2, figures.Reporting("heating.heaters", new Period(2026, 10)));
    }

    [Fact]
    public void A_figure_nobody_reported_is_null_not_zero()
    {
        var figures = With((A, "2026-10", "heating.heaters", 0));

        Assert.Equal(0m, figures.Month("heating.heaters", new Period(2026, 10)));
        Assert.Null(figures.Month("births.male", new Period(2026, 10)));
        Assert.Null(figures.Month("heating.heaters", new Period(2026, 9)));
    }

    [Fact]
    public void Flows_add_up_over_the_year()
    {
        var figures = With((A, "2026-01", "roads.new_km", 1.25m), (A, "2026-03", "roads.new_km", 0.5m), (B, "2026-02", "roads.new_km", 2m), (B, "2025-12", "roads.new_km", 9m));

        Assert.Equal(3.75m, figures.Span("roads.new_km", new Period(2026, 1), new Period(2026, 3)));
    }

    [Fact]
    public void A_stock_over_months_is_each_units_last_reported_level()
    {
        // A reports cameras in January and March, B only in January: the level is A's March plus B's January.
        var figures = With((A, "2026-01", "security.cameras", 10), (A, "2026-03", "security.cameras", 14), (B, "2026-01", "security.cameras", 20));

        Assert.Equal(34m, figures.Span("security.cameras", new Period(2026, 1), new Period(2026, 3)));
    }

    [Fact]
    public void An_indicator_divides_the_sums_and_never_averages_the_villages_rates()
    {
        // 甲村 90/100 = 90%, 乙村 1000/1000 = 100%: the average of rates would be 95%, the town's rate is 1090/1100.
        var figures = With((A, "2026-10", "insurance.ncms_enrolled", 90), (A, "2026-10", "insurance.ncms_eligible", 100),
            (B, "2026-10", "insurance.ncms_enrolled", 1000), (B, "2026-10", "insurance.ncms_eligible", 1000));
        var rate = Catalog.Indicators.Single(i => i.Code == "insurance.ncms_rate");
        var period = new Period(2026, 10);

        var value = Aggregator.Ratio(rate, figures.Month(rate.Numerator, period), figures.Month(rate.Denominator, period));

        Assert.Equal(99.1m, value);
    }

    [Fact]
    public void Percentages_round_half_up_as_statistics_are_published()
    {
        Assert.Equal(110.1m, Aggregator.PercentOf(1100.5m, 1000m));
        Assert.Equal(0.1m, Change.Between(1000.5m, 1000m).Percent);
    }

    [Theory]
    [InlineData(110, 100, 10.0, ChangeMark.Value)]
    [InlineData(90, 100, -10.0, ChangeMark.Value)]
    [InlineData(5, 0, null, ChangeMark.BaseZero)]
    [InlineData(0, 0, null, ChangeMark.BothZero)]
    [InlineData(5, null, null, ChangeMark.NoBase)]
    [InlineData(null, 5, null, ChangeMark.NotReported)]
    public void A_change_says_why_it_has_no_percent(int? now, int? before, double? percent, ChangeMark mark)
    {
        var change = Change.Between(now, before);

        Assert.Equal(mark, change.Mark);
        Assert.Equal(percent is null ? null : (decimal)percent.Value, change.Percent);
    }

    [Fact]
    public void Monthly_figures_show_target_progress_and_completeness()
    {
        var figures = With((A, "2026-01", "heating.heaters", 30), (A, "2026-02", "heating.heaters", 20));
        var data = figures.Data with { Targets = new Dictionary<string, decimal> { ["heating.heaters"] = 200 } };

        var report = MonthlyFigures.Compute(new Aggregator(Catalog, data), new Period(2026, 2), DateTimeOffset.UnixEpoch);

        var row = report.Sections.SelectMany(s => s.Elements).Single(e => e.Code == "heating.heaters");
        Assert.Equal(50m, row.YearToDate);
        Assert.Equal(25.0m, row.TargetPercent);
        Assert.Equal(-33.3m, row.MonthOnMonth.Percent);
        Assert.Equal(3, report.Completeness.Expected);
        Assert.Equal(["130123100000", "130123100202"], report.Completeness.Units.Where(u => u.Status == "missing").Select(u => u.Code));
    }

    [Fact]
    public void Nothing_to_compare_reads_as_a_dash_not_as_base_zero()
    {
        Assert.Equal("—", ChineseFormat.Change(Change.Between(0, 0)));
        Assert.Equal("—", ChineseFormat.Change(Change.NoData));
        Assert.Equal("基数为0", ChineseFormat.Change(Change.Between(5, 0)));
    }

    [Fact]
    public void Tables_show_amounts_at_their_display_precision()
    {
        var figures = With((SmallTown.Code, "2026-01", "investment.domestic", 3.3272m), (SmallTown.Code, "2026-02", "investment.domestic", 3.3272m), (A, "2026-02", "heating.heaters", 4));

        var report = MonthlyFigures.Compute(figures, new Period(2026, 2), DateTimeOffset.UnixEpoch);

        var investment = report.Sections.SelectMany(s => s.Elements).Single(e => e.Code == "investment.domestic");
        Assert.Equal(2, investment.Decimals);
        Assert.Equal("6.65", ChineseFormat.Number(investment.YearToDate, investment.Decimals));
        Assert.Equal("4", ChineseFormat.Number(report.Sections.SelectMany(s => s.Elements).Single(e => e.Code == "heating.heaters").ThisMonth, 0));
    }

    [Fact]
    public void A_month_before_the_town_began_reporting_has_no_data_while_a_later_gap_is_not_reported()
    {
        var figures = With((A, "2026-03", "heating.heaters", 3), (A, "2026-05", "heating.heaters", 4));

        var april = MonthlyFigures.Compute(figures, new Period(2026, 4), DateTimeOffset.UnixEpoch);
        var may = MonthlyFigures.Compute(figures, new Period(2026, 5), DateTimeOffset.UnixEpoch);
        var march = MonthlyFigures.Compute(figures, new Period(2026, 3), DateTimeOffset.UnixEpoch);

        var row = march.Sections.SelectMany(s => s.Elements).Single(e => e.Code == "heating.heaters");
        Assert.Equal("2026-03", march.DataSince);
        Assert.False(march.LastMonthHasData);
        Assert.False(march.SameMonthLastYearHasData);
        Assert.Equal(ChangeMark.NoData, row.MonthOnMonth.Mark);
        Assert.Equal("—", ChineseFormat.Cell(row.LastMonth, row.Decimals, march.LastMonthHasData));
        Assert.True(may.LastMonthHasData);
        Assert.Equal("未报送", ChineseFormat.Cell(may.Sections.SelectMany(s => s.Elements).Single(e => e.Code == "heating.heaters").LastMonth, 0, may.LastMonthHasData));
        Assert.Equal(ChangeMark.NotReported, april.Sections.SelectMany(s => s.Elements).Single(e => e.Code == "heating.heaters").MonthOnMonth.Mark);
    }
}
