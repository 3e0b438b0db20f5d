using VillageReports.Submissions;
using VillageReports.Tests.Support;
using VillageReports.Units;

namespace VillageReports.Tests.Storage;

public class SubmissionStoreTests : IAsyncLifetime
{
    private readonly string _prefix = TestStorage.NewPrefix();
    private readonly SubmissionStore _store;

    public SubmissionStoreTests() => _store = new(TestStorage.Resources(), TestStorage.Names(_prefix));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestStorage.DeleteAsync(_prefix);
    private static readonly UnitCode Village = UnitCode.Parse("130123100201");

    private static Submission Revision(int revision, decimal value) =>
        new(Village, new Period(2026, 10), revision, new Dictionary<string, decimal> { ["roads.new_km"] = value, ["collective.income"] = 98765.43m },
            null, null, DateTimeOffset.UnixEpoch, "test", false, []);

    [Fact]
    public async Task Figures_come_back_exactly_as_stored()
    {
        await _store.TrySaveAsync(Revision(1, 0.1m), null, DateTimeOffset.UnixEpoch, default);

        var stored = await _store.GetCurrentAsync(Village, new Period(2026, 10), default);

        Assert.Equal(0.1m, stored!.Submission.Values["roads.new_km"]);
        Assert.Equal(98765.43m, stored.Submission.Values["collective.income"]);
    }

    [Fact]
    public async Task A_row_stored_with_its_figures_as_json_by_an_earlier_release_reads_as_it_did()
    {
        var table = await TestStorage.Resources().TableAsync(TestStorage.Names(_prefix).SubmissionsTable);
        await table.AddEntityAsync(new Azure.Data.Tables.TableEntity(Village.Value, "cur|2026-10")
        {
            ["Revision"] = 1, ["Values"] = """{"collective.income":"98765.43","roads.new_km":"0.10"}""", ["SubmittedAt"] = DateTimeOffset.UnixEpoch,
            ["FirstSubmittedAt"] = DateTimeOffset.UnixEpoch, ["SubmittedBy"] = "test", ["Late"] = false, ["Warnings"] = "[]",
        });

        var stored = await _store.GetCurrentAsync(Village, new Period(2026, 10), default);
        var (town, _) = await _store.GetTownReportRowsAsync(Village.Town, new Period(2026, 10), new Period(2026, 10), default);

        Assert.Equal("0.10", stored!.Submission.Values["roads.new_km"].ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(stored.Submission.Values, Assert.Single(town).Values);
    }

    [Fact]
    public async Task A_write_based_on_a_stale_read_changes_nothing()
    {
        await _store.TrySaveAsync(Revision(1, 1m), null, DateTimeOffset.UnixEpoch, default);
        var read = await _store.GetCurrentAsync(Village, new Period(2026, 10), default);
        Assert.True(await _store.TrySaveAsync(Revision(2, 2m), read, DateTimeOffset.UnixEpoch, default));

        var lost = await _store.TrySaveAsync(Revision(2, 3m), read, DateTimeOffset.UnixEpoch, default);

        Assert.False(lost);
        var revisions = await _store.GetRevisionsAsync(Village, new Period(2026, 10), default);
        Assert.Equal([1m, 2m], revisions.Select(r => r.Values["roads.new_km"]));
    }

    [Fact]
    public async Task A_second_first_submission_is_refused_whole()
    {
        Assert.True(await _store.TrySaveAsync(Revision(1, 1m), null, DateTimeOffset.UnixEpoch, default));

        var duplicate = await _store.TrySaveAsync(Revision(1, 9m), null, DateTimeOffset.UnixEpoch, default);

        Assert.False(duplicate);
        Assert.Single(await _store.GetRevisionsAsync(Village, new Period(2026, 10), default));
    }

    [Fact]
    public async Task A_towns_current_rows_are_its_own_units_only()
    {
        var town = UnitCode.Parse("130123100000");
        foreach (var unit in new[] { "130123099999", "130123100000", "130123100201", "130123100999", "130123101000", "130123101001" })
        {
            await _store.TrySaveAsync(Revision(1, 1m) with { Unit = UnitCode.Parse(unit) }, null, DateTimeOffset.UnixEpoch, default);
        }

        var rows = await _store.GetTownCurrentRangeAsync(town, new Period(2026, 10), new Period(2026, 10), default);

        Assert.Equal(["130123100000", "130123100201", "130123100999"], rows.Select(r => r.Unit.Value).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_towns_revisions_with_a_reason_come_back_and_no_others()
    {
        var neighbour = UnitCode.Parse("130123101000");
        await _store.TrySaveAsync(Revision(1, 1m), null, DateTimeOffset.UnixEpoch, default);
        await _store.TrySaveAsync(Revision(2, 2m) with { Reason = "更正" }, await _store.GetCurrentAsync(Village, new Period(2026, 10), default), DateTimeOffset.UnixEpoch, default);
        await _store.TrySaveAsync(Revision(3, 3m), await _store.GetCurrentAsync(Village, new Period(2026, 10), default), DateTimeOffset.UnixEpoch, default);
        await _store.TrySaveAsync(Revision(1, 4m) with { Period = new Period(2026, 11), Reason = "下月" }, null, DateTimeOffset.UnixEpoch, default);
        await _store.TrySaveAsync(Revision(1, 5m) with { Unit = neighbour, Reason = "邻镇" }, null, DateTimeOffset.UnixEpoch, default);

        var (current, reasoned) = await _store.GetTownReportRowsAsync(Village.Town, new Period(2026, 1), new Period(2026, 10), default);

        Assert.Equal([(Village, new Period(2026, 10), 2, "更正")], reasoned.Select(r => (r.Unit, r.Period, r.Revision, r.Reason!)));
        Assert.Equal(2m, reasoned[0].Values["roads.new_km"]);
        Assert.Equal([(Village, new Period(2026, 10), 3)], current.Select(c => (c.Unit, c.Period, c.Revision)));
    }

    [Fact]
    public async Task A_towns_report_rows_carry_every_part_of_a_submission()
    {
        var submitted = Revision(1, 1m) with
        {
            Comment = "村委会核实", SubmittedAt = new DateTimeOffset(2026, 11, 7, 9, 30, 0, TimeSpan.Zero), SubmittedBy = "130123100000", Late = true,
            Warnings = [new Warning("roads.new_km", 1m, 0.2m, "超过上月的3倍")],
        };
        await _store.TrySaveAsync(submitted, null, DateTimeOffset.UnixEpoch, default);

        var (current, _) = await _store.GetTownReportRowsAsync(Village.Town, new Period(2026, 1), new Period(2026, 10), default);

        var row = Assert.Single(current);
        Assert.Equal((submitted.Unit, submitted.Period, submitted.Revision, submitted.Comment, submitted.Reason, submitted.SubmittedAt, submitted.SubmittedBy, submitted.Late),
            (row.Unit, row.Period, row.Revision, row.Comment, row.Reason, row.SubmittedAt, row.SubmittedBy, row.Late));
        Assert.Equal(submitted.Values.OrderBy(v => v.Key), row.Values.OrderBy(v => v.Key));
        Assert.Equal(submitted.Warnings, row.Warnings);
    }
}
