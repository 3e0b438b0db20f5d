using VillageReports.Reports;
using VillageReports.Tests.Support;
using VillageReports.Units;

namespace VillageReports.Tests.Reports;

/// <summary>The report's lease (one writer of a version at a time) and the version's files, against Azurite.</summary>
public class ReportStoreTests : IAsyncLifetime
{
    private static readonly UnitCode Town = UnitCode.Parse("130123100000");
    private static readonly ReportPeriod October = ReportPeriod.Month(new Period(2026, 10));

    private readonly string _prefix = TestStorage.NewPrefix();
    private readonly ReportStore _store;

    public ReportStoreTests() => _store = new ReportStore(TestStorage.Resources(), TestStorage.Names(_prefix));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestStorage.DeleteAsync(_prefix);

    [Fact]
    public async Task The_first_run_of_a_report_takes_its_lease_and_a_second_run_does_not()
    {
        await using var first = await _store.LockAsync(Town, October, default);

        var second = await _store.LockAsync(Town, October, default);

        Assert.NotNull(first);
        Assert.Null(second);
    }

    [Fact]
    public async Task A_released_lease_is_taken_again()
    {
        await (await _store.LockAsync(Town, October, default))!.DisposeAsync();

        await using var again = await _store.LockAsync(Town, October, default);

        Assert.NotNull(again);
    }

    [Fact]
    public async Task Racing_first_runs_get_one_lease_between_them()
    {
        var racing = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _store.LockAsync(Town, October, default)));

        Assert.Single(racing, held => held is not null);
        await racing.Single(held => held is not null)!.DisposeAsync();
    }

    [Fact]
    public async Task Each_report_has_its_own_lease()
    {
        await using var october = await _store.LockAsync(Town, October, default);

        await using var september = await _store.LockAsync(Town, ReportPeriod.Month(new Period(2026, 9)), default);
        await using var annual = await _store.LockAsync(Town, ReportPeriod.OfYear(2026), default);

        Assert.NotNull(september);
        Assert.NotNull(annual);
    }

    [Fact]
    public async Task A_version_is_listed_with_both_its_files_stored()
    {
        var version = await _store.AddAsync(Town, October, 1, "inputs", DateTimeOffset.UnixEpoch, [1, 2, 3], [4, 5], default);

        await using var pdf = await _store.OpenAsync(version.PdfBlob, default);
        await using var json = await _store.OpenAsync(version.JsonBlob, default);

        Assert.Equal(version, await _store.LatestAsync(Town, October, default));
        Assert.Equal(3, pdf.Length);
        Assert.Equal(2, json.Length);
    }
}
