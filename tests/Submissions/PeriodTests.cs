using VillageReports.Submissions;

namespace VillageReports.Tests.Submissions;

public class PeriodTests
{
    [Theory]
    [InlineData("2026-10", 2026, 10)]
    [InlineData("2000-01", 2000, 1)]
    [InlineData("2099-12", 2099, 12)]
    public void Parses_year_and_month(string text, int year, int month)
    {
        Assert.True(Period.TryParse(text, out var period));

        Assert.Equal(new Period(year, month), period);
        Assert.Equal(text, period.ToString());
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-00")]
    [InlineData("2026-1")]
    [InlineData("26-10")]
    [InlineData("2026/10")]
    [InlineData("2026-10 ")]
    [InlineData("２０２６-10")]
    [InlineData("1999-12")]
    [InlineData("2026-1\u0000")]
    [InlineData("")]
    [InlineData(null)]
    public void Refuses_anything_but_YYYY_MM(string? text)
    {
        Assert.False(Period.TryParse(text, out _));
    }

    [Fact]
    public void Previous_and_next_cross_the_year()
    {
        Assert.Equal(new Period(2025, 12), new Period(2026, 1).Previous);
        Assert.Equal(new Period(2027, 1), new Period(2026, 12).Next);
        Assert.Equal(new Period(2025, 10), new Period(2026, 10).SameMonthLastYear);
    }

    [Fact]
    public void Is_due_on_the_due_day_of_the_next_month()
    {
        Assert.Equal(new DateOnly(2026, 11, 5), new Period(2026, 10).DueDate(5));
        Assert.Equal(new DateOnly(2027, 1, 5), new Period(2026, 12).DueDate(5));
        Assert.Equal(new DateOnly(2026, 2, 28), new Period(2026, 1).DueDate(31));
    }

    [Fact]
    public void Year_to_date_lists_the_months_from_January()
    {
        var march = new Period(2026, 3);

        Assert.Equal(["2026-01", "2026-02", "2026-03"], march.FirstOfYear.Through(march).Select(p => p.ToString()));
    }

    [Fact]
    public void Months_are_added_and_taken_across_years()
    {
        Assert.Equal(new Period(2025, 11), new Period(2026, 10).AddMonths(-11));
        Assert.Equal(new Period(2027, 2), new Period(2026, 12).AddMonths(2));
        Assert.Empty(new Period(2026, 3).Through(new Period(2026, 2)));
    }

    [Fact]
    public void A_submission_is_late_from_the_day_after_the_due_day_china_time()
    {
        var october = new Period(2026, 10);

        Assert.False(october.IsLate(new DateTimeOffset(2026, 11, 5, 23, 59, 0, TimeSpan.FromHours(8)), 5));
        Assert.True(october.IsLate(new DateTimeOffset(2026, 11, 6, 0, 0, 0, TimeSpan.FromHours(8)), 5));
        Assert.True(october.IsLate(new DateTimeOffset(2026, 11, 5, 16, 0, 0, TimeSpan.Zero), 5));
    }
}
