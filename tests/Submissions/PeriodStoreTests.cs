using System.Diagnostics;
using Microsoft.Extensions.Options;
using VillageReports.Submissions;
using VillageReports.Tests.Support;
using VillageReports.Units;

namespace VillageReports.Tests.Submissions;

/// <summary>
/// A report reads a month only once its lock has settled: a village's save that found the month open and was
/// quicker than the settle time is then in the report; a slower one checks the lock itself after saving.
/// </summary>
public class PeriodStoreTests : IAsyncLifetime
{
    private static readonly UnitCode Town = UnitCode.Parse("130123100000");
    private static readonly Period Month = new(2026, 10);
    private readonly string _prefix = TestStorage.NewPrefix();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestStorage.DeleteAsync(_prefix);

    [Fact]
    public async Task Locking_an_open_month_returns_only_once_the_lock_has_settled()
    {
        var periods = Store(TimeProvider.System, settle: TimeSpan.FromMilliseconds(600));

        var watch = Stopwatch.StartNew();
        await periods.LockAsync(Town, Month, default);

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(600), $"returned after {watch.ElapsedMilliseconds} ms");
        Assert.True((await periods.GetAsync(Town, Month, default)).Locked);
    }

    [Fact]
    public async Task Locking_a_month_locked_long_ago_does_not_wait_again()
    {
        var settle = TimeSpan.FromSeconds(20);
        await Store(TimeProvider.System, TimeSpan.Zero).LockAsync(Town, Month, default);

        // An hour later by the clock: the lock is far older than the settle time.
        var later = new FixedClock(DateTimeOffset.UtcNow.AddHours(1));
        var relock = Store(later, settle).LockAsync(Town, Month, default);

        Assert.Same(relock, await Task.WhenAny(relock, Task.Delay(settle / 2)));
        await relock;
    }

    [Fact]
    public async Task A_month_locked_before_is_answered_without_waiting_to_learn_whether_it_may_be_locked()
    {
        var clock = FixedClock.AtChinaTime(2026, 11, 6);
        await Store(clock, TimeSpan.Zero).LockAsync(Town, Month, default);
        await Store(clock, TimeSpan.Zero).MarkStaleAsync(Town, Month, default);
        clock.Now = clock.Now.AddHours(1);
        var neverAnswered = new TaskCompletionSource<bool>().Task;

        var relock = Store(clock, TimeSpan.Zero).LockAsync(Town, Month, () => neverAnswered, default);

        Assert.Same(relock, await Task.WhenAny(relock, Task.Delay(TimeSpan.FromSeconds(10))));
        Assert.NotNull(await relock);
    }

    [Fact]
    public async Task An_open_month_that_may_not_be_locked_is_left_open()
    {
        var periods = Store(TimeProvider.System, TimeSpan.Zero);

        var mark = await periods.LockAsync(Town, Month, () => Task.FromResult(false), default);

        Assert.Null(mark);
        Assert.Equal(PeriodState.Open, await periods.GetAsync(Town, Month, default));
    }

    [Fact]
    public async Task Locking_again_keeps_the_first_lock_time_and_leaves_the_stale_mark_for_the_report_to_clear()
    {
        var clock = FixedClock.AtChinaTime(2026, 11, 6);
        var periods = Store(clock, TimeSpan.Zero);
        Assert.Null(await periods.LockAsync(Town, Month, default));
        var lockedAt = (await periods.GetAsync(Town, Month, default)).LockedAt;
        await periods.MarkStaleAsync(Town, Month, default);

        clock.Now = clock.Now.AddDays(3);
        var mark = await periods.LockAsync(Town, Month, default);

        var state = await periods.GetAsync(Town, Month, default);
        Assert.Equal(clock.Now.AddDays(-3), lockedAt);
        Assert.Equal(lockedAt, state.LockedAt);
        Assert.NotNull(mark);
        Assert.True(state.Stale);

        await periods.ClearStaleAsync(mark, default);
        Assert.False((await periods.GetAsync(Town, Month, default)).Stale);
        Assert.Null(await periods.LockAsync(Town, Month, default));
    }

    [Fact]
    public async Task A_stale_mark_set_after_the_report_saw_the_month_outlives_the_reports_clearing()
    {
        var periods = Store(TimeProvider.System, TimeSpan.Zero);
        await periods.LockAsync(Town, Month, default);
        await periods.MarkStaleAsync(Town, Month, default);
        var seen = await periods.LockAsync(Town, Month, default);

        // A village's slow save lands while the report reads the figures, and marks the month again.
        await periods.MarkStaleAsync(Town, Month, default);
        await periods.ClearStaleAsync(seen!, default);

        Assert.True((await periods.GetAsync(Town, Month, default)).Stale);
    }

    [Fact]
    public async Task The_monthly_run_locks_a_month_whose_row_holds_only_an_approval_mark_and_keeps_the_mark()
    {
        var periods = Store(TimeProvider.System, TimeSpan.Zero);
        await periods.SetApprovedVersionAsync(Town, Month, 3, default);

        await periods.LockIfOpenAsync(Town, Month, default);

        var state = await periods.GetAsync(Town, Month, default);
        Assert.True(state.Locked);
        Assert.Equal(3, state.ApprovedVersion);
    }

    [Fact]
    public async Task The_monthly_run_locks_an_open_month_without_waiting_for_it_to_settle()
    {
        var periods = Store(TimeProvider.System, settle: TimeSpan.FromSeconds(20));

        var lockIfOpen = periods.LockIfOpenAsync(Town, Month, default);

        Assert.Same(lockIfOpen, await Task.WhenAny(lockIfOpen, Task.Delay(TimeSpan.FromSeconds(10))));
        Assert.True((await periods.GetAsync(Town, Month, default)).Locked);
    }

    [Fact]
    public async Task The_monthly_run_leaves_a_locked_month_as_it_is_its_lock_time_and_stale_mark_kept()
    {
        var clock = FixedClock.AtChinaTime(2026, 11, 6);
        var periods = Store(clock, TimeSpan.Zero);
        await periods.LockAsync(Town, Month, default);
        await periods.MarkStaleAsync(Town, Month, default);
        var before = await periods.GetAsync(Town, Month, default);

        clock.Now = clock.Now.AddDays(30);
        await periods.LockIfOpenAsync(Town, Month, default);

        var after = await periods.GetAsync(Town, Month, default);
        Assert.True(after.Stale);
        Assert.Equal(before.LockedAt, after.LockedAt);
    }

    [Fact]
    public async Task Every_towns_stale_months_are_listed_by_town()
    {
        var periods = Store(TimeProvider.System, TimeSpan.Zero);
        var other = UnitCode.Parse("130123101000");
        foreach (var (town, month) in new[] { (Town, Month), (Town, new Period(2026, 3)), (other, new Period(2025, 12)), (other, Month) })
        {
            await periods.LockAsync(town, month, default);
            await periods.MarkStaleAsync(town, month, default);
        }

        await periods.ClearStaleAsync((await periods.LockAsync(other, Month, default))!, default); // its report was rebuilt
        await periods.LockAsync(Town, new Period(2026, 9), default); // locked, never amended

        var stale = await periods.ListStaleOfAllTownsAsync(default);

        Assert.Equal([new Period(2026, 3), Month], stale[Town]);
        Assert.Equal([new Period(2025, 12)], stale[other]);
        Assert.Equal(2, stale.Count);
    }

    private PeriodStore Store(TimeProvider clock, TimeSpan settle) =>
        new(TestStorage.Resources(), TestStorage.Names(_prefix), clock, Options.Create(new VillageReportsOptions { LockSettleTime = settle }));
}
