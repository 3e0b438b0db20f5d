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
}
