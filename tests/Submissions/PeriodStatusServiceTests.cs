using Microsoft.Extensions.Options;
using VillageReports.Submissions;
using VillageReports.Tests.Support;
using VillageReports.Units;

namespace VillageReports.Tests.Submissions;

/// <summary>The status and the grid read a town in one query across its units: only its expected units appear, each as it was posted.</summary>
public class PeriodStatusServiceTests : IAsyncLifetime
{
    private static readonly UnitCode Town = UnitCode.Parse("130123101000");
    private static readonly UnitCode A = UnitCode.Parse("130123101201"), B = UnitCode.Parse("130123101202"), Dropped = UnitCode.Parse("130123101203");
    private static readonly TownScope Scope = new(new Town(Town, "白塔镇", Town.County, [new Village(A, "甲村"), new Village(B, "乙村"), new Village(Dropped, "丙村", Active: false)]), Caller.Admin);

    private readonly string _prefix = TestStorage.NewPrefix();
    private readonly SubmissionStore _submissions;
    private readonly PeriodStatusService _status;

    public PeriodStatusServiceTests()
    {
        var (resources, names) = (TestStorage.Resources(), TestStorage.Names(_prefix));
        var clock = FixedClock.AtChinaTime(2026, 11, 20);
        _submissions = new SubmissionStore(resources, names, new ReportRowsCache());
        var options = Options.Create(new VillageReportsOptions());
        _status = new PeriodStatusService(_submissions, new PeriodStore(resources, names, clock, options), clock, options);
    }

    public async Task InitializeAsync()
    {
        await SaveAsync(Town, new Period(2026, 10), revisions: 1, late: false);
        await SaveAsync(A, new Period(2026, 10), revisions: 3, late: true);
        await SaveAsync(A, new Period(2026, 9), revisions: 1, late: false);
        // Posted in the span by units the town does not expect: a dropped village, its neighbours on both sides.
        foreach (var other in new[] { "130123101203", "130123100999", "130123102000", "130123102201" })
        {
            await SaveAsync(UnitCode.Parse(other), new Period(2026, 10), revisions: 1, late: false);
        }
    }

    public Task DisposeAsync() => TestStorage.DeleteAsync(_prefix);

    [Fact]
    public async Task Status_counts_the_expected_units_only()
    {
        var status = (await _status.StatusAsync(Scope, "2026-10", default)).Value!;

        Assert.Equal((3, 1, 1, 1), (status.Expected, status.OnTime, status.Late, status.Missing));
        Assert.Equal([(Town.Value, true, false, (int?)1), (A.Value, true, true, 3), (B.Value, false, false, null)],
            status.Units.Select(u => (u.Unit, u.Reported, u.Late, u.Revision)));
        Assert.Equal(DateTimeOffset.UnixEpoch.AddDays(3), status.Units[1].SubmittedAt);
    }

    [Fact]
    public async Task The_grid_shows_the_expected_units_each_month()
    {
        var grid = (await _status.OverviewAsync(Scope, "2026-10", "2", default)).Value!;

        Assert.Equal([Town.Value, A.Value, B.Value], grid.Units.Select(u => u.Unit));
        Assert.Equal(["missing|", "onTime|1"], grid.Units[0].Cells.Select(c => $"{c.State}|{c.Revision}"));
        Assert.Equal(["onTime|1", "late|3"], grid.Units[1].Cells.Select(c => $"{c.State}|{c.Revision}"));
        Assert.Equal(["missing|", "missing|"], grid.Units[2].Cells.Select(c => $"{c.State}|{c.Revision}"));
    }

    private async Task SaveAsync(UnitCode unit, Period period, int revisions, bool late)
    {
        StoredSubmission? current = null;
        for (var revision = 1; revision <= revisions; revision++)
        {
            var submission = new Submission(unit, period, revision, new Dictionary<string, decimal> { ["roads.new_km"] = revision }, null, null,
                DateTimeOffset.UnixEpoch.AddDays(revision), unit.Value, late, []);
            Assert.True(await _submissions.TrySaveAsync(submission, current, DateTimeOffset.UnixEpoch, default));
            current = await _submissions.GetCurrentAsync(unit, period, default);
        }
    }
}
