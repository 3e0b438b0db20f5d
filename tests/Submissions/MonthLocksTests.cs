using Microsoft.Extensions.Options;
using VillageReports.Submissions;
using VillageReports.Tests.Support;
using VillageReports.Units;

namespace VillageReports.Tests.Submissions;

public class MonthLocksTests : IAsyncLifetime
{
    private static readonly UnitCode Town = UnitCode.Parse("130123100000");
    private static readonly Period Month = new(2026, 10);
    private readonly string _prefix = TestStorage.NewPrefix();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestStorage.DeleteAsync(_prefix);

    [Fact]
    public async Task An_open_month_is_answered_from_memory_with_the_time_of_the_read_that_saw_it_open()
    {
        var locks = Locks(settle: TimeSpan.FromSeconds(20));
        var first = await locks.GetAsync(Town, Month, default);

        await Periods(TimeSpan.Zero).LockAsync(Town, Month, default);
        var second = await locks.GetAsync(Town, Month, default);

        Assert.False(first.Locked);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task An_open_month_is_read_again_within_the_settle_time_so_a_settled_lock_is_always_seen()
    {
        var locks = Locks(settle: TimeSpan.FromMilliseconds(200));
        await locks.GetAsync(Town, Month, default);

        await Periods(TimeSpan.FromMilliseconds(200)).LockAsync(Town, Month, default);

        Assert.True((await locks.GetAsync(Town, Month, default)).Locked);
    }

    private MonthLocks Locks(TimeSpan settle) => new(Periods(settle), TimeProvider.System, Options(settle));

    private PeriodStore Periods(TimeSpan settle) => new(TestStorage.Resources(), TestStorage.Names(_prefix), TimeProvider.System, Options(settle));

    private static IOptions<VillageReportsOptions> Options(TimeSpan settle) => Microsoft.Extensions.Options.Options.Create(new VillageReportsOptions { LockSettleTime = settle });
}
