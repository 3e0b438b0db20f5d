using VillageReports.Submissions;
using VillageReports.Units;

namespace VillageReports.Tests.Submissions;

public class ReportRowsCacheTests
{
    private static readonly UnitCode Town = UnitCode.Parse("130123100000");
    private static readonly (Period From, Period To) Months = (new Period(2025, 1), new Period(2026, 10));
    private static readonly DateTimeOffset Noon = new(2026, 11, 3, 12, 0, 0, TimeSpan.Zero);

    private static ReportRow Row(string unit, string rowKey, int revision, string? reason = null) =>
        new(unit, rowKey, new Submission(UnitCode.Parse(unit), new Period(2026, 10), revision, new Dictionary<string, decimal> { ["roads.new_km"] = revision },
            null, reason, Noon, "test", false, []));

    private static ReportRows RowsOf(int count, DateTimeOffset answeredAt) =>
        ReportRows.Empty.With([.. Enumerable.Range(1, count).Select(i => Row($"1301231002{i:00}", "cur|2026-10", 1))], answeredAt);

    [Fact]
    public void A_read_with_nothing_kept_asks_for_every_row()
    {
        Assert.Null(new ReportRowsCache().ChangedSince(ReportRows.Empty));
    }

    [Fact]
    public void The_next_read_asks_for_the_rows_stamped_from_the_overlap_before_storage_answered_the_last()
    {
        var rows = RowsOf(2, answeredAt: Noon);

        Assert.Equal(Noon - TimeSpan.FromMinutes(5), new ReportRowsCache(TimeSpan.FromMinutes(5)).ChangedSince(rows));
    }

    [Fact]
    public void A_read_that_storage_answered_without_its_time_is_not_kept()
    {
        var cache = new ReportRowsCache();

        cache.Remember(Town, Months.From, Months.To, ReportRows.Empty.With([Row("130123100201", "cur|2026-10", 1)], answeredAt: null));

        Assert.Null(cache.Find(Town, Months.From, Months.To));
    }

    [Fact]
    public void A_row_read_since_takes_the_place_of_the_version_kept()
    {
        var kept = ReportRows.Empty.With([Row("130123100201", "cur|2026-10", 1), Row("130123100202", "cur|2026-10", 1)], Noon);

        var merged = kept.With([Row("130123100201", "cur|2026-10", 2), Row("130123100201", "rev|2026-10|000002", 2, "更正")], Noon.AddMinutes(1));

        Assert.Equal([("130123100201", 2), ("130123100202", 1)], merged.Current.Select(s => (s.Unit.Value, s.Revision)));
        Assert.Equal([("130123100201", 2, "更正")], merged.Reasoned.Select(s => (s.Unit.Value, s.Revision, s.Reason!)));
        Assert.Equal(Noon.AddMinutes(1), merged.AnsweredAt);
        Assert.Equal([1, 1], kept.Current.Select(s => s.Revision));
    }

    [Fact]
    public void A_read_that_found_nothing_changed_keeps_the_rows_and_takes_its_own_time()
    {
        var kept = RowsOf(3, answeredAt: Noon);

        var again = kept.With([], Noon.AddMinutes(10));

        Assert.Same(kept.Current, again.Current);
        Assert.Equal(Noon.AddMinutes(10), again.AnsweredAt);
    }

    [Fact]
    public void Current_rows_come_in_storage_order_whatever_order_they_were_read_in()
    {
        var rows = ReportRows.Empty.With([Row("130123100203", "cur|2026-10", 1), Row("130123100000", "cur|2026-10", 1), Row("130123100201", "cur|2026-09", 1)], Noon);

        Assert.Equal(["130123100000", "130123100201", "130123100203"], rows.Current.Select(s => s.Unit.Value));
    }

    [Fact]
    public void Of_two_reads_that_overlapped_the_one_storage_answered_later_is_kept()
    {
        var cache = new ReportRowsCache();
        var later = RowsOf(2, answeredAt: Noon.AddSeconds(5));
        cache.Remember(Town, Months.From, Months.To, later);

        cache.Remember(Town, Months.From, Months.To, RowsOf(1, answeredAt: Noon));

        Assert.Same(later, cache.Find(Town, Months.From, Months.To));
    }

    [Fact]
    public void Past_its_bound_in_rows_the_town_read_longest_ago_is_dropped()
    {
        var cache = new ReportRowsCache(TimeSpan.FromMinutes(5), maxRows: 10);
        var (first, second, third) = (UnitCode.Parse("130123100000"), UnitCode.Parse("130123101000"), UnitCode.Parse("130123102000"));
        cache.Remember(first, Months.From, Months.To, RowsOf(4, Noon));
        cache.Remember(second, Months.From, Months.To, RowsOf(4, Noon));
        Assert.NotNull(cache.Find(first, Months.From, Months.To));

        cache.Remember(third, Months.From, Months.To, RowsOf(4, Noon));

        Assert.NotNull(cache.Find(first, Months.From, Months.To));
        Assert.Null(cache.Find(second, Months.From, Months.To));
        Assert.NotNull(cache.Find(third, Months.From, Months.To));
    }

    [Fact]
    public void A_town_read_again_and_again_counts_its_rows_once()
    {
        var cache = new ReportRowsCache(TimeSpan.FromMinutes(5), maxRows: 10);
        var (first, second) = (UnitCode.Parse("130123100000"), UnitCode.Parse("130123101000"));
        cache.Remember(second, Months.From, Months.To, RowsOf(4, Noon));

        for (var i = 1; i <= 5; i++)
        {
            cache.Remember(first, Months.From, Months.To, RowsOf(4, Noon.AddMinutes(i)));
        }

        Assert.NotNull(cache.Find(second, Months.From, Months.To));
        Assert.Equal(Noon.AddMinutes(5), cache.Find(first, Months.From, Months.To)!.AnsweredAt);
    }

    [Fact]
    public void A_read_larger_than_the_bound_is_not_kept()
    {
        var cache = new ReportRowsCache(TimeSpan.FromMinutes(5), maxRows: 3);

        cache.Remember(Town, Months.From, Months.To, RowsOf(4, Noon));

        Assert.Null(cache.Find(Town, Months.From, Months.To));
    }

    [Fact]
    public void Other_months_of_the_same_town_are_kept_apart()
    {
        var cache = new ReportRowsCache();
        cache.Remember(Town, Months.From, Months.To, RowsOf(2, Noon));

        Assert.Null(cache.Find(Town, Months.From, new Period(2026, 12)));
    }
}
