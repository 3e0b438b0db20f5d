using System.Net;
using Microsoft.Extensions.DependencyInjection;
using VillageReports.Submissions;
using VillageReports.Tests.Support;
using VillageReports.Units;

namespace VillageReports.Tests.Submissions;

/// <summary>
/// A save that found the month open (here: remembered open) and landed after a report's lock: quicker than the lock's
/// settle time (100 ms in the tests) it is in the report and needs no check; slower, it checks the lock again and marks
/// the report stale. The test's clock decides how long each save took.
/// </summary>
public class LockRecheckTests : IAsyncLifetime
{
    private static readonly UnitCode Town = UnitCode.Parse(LocalApp.Town);
    private static readonly Period Month = new(2026, 10);
    private readonly LocalApp _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task A_save_slower_than_the_settle_time_landing_after_a_lock_marks_the_report_stale()
    {
        var state = await SaveAcrossALockAsync(stepPerReading: TimeSpan.FromMilliseconds(60));

        Assert.True(state.Stale);
    }

    [Fact]
    public async Task A_save_quicker_than_the_settle_time_does_not_read_the_lock_again()
    {
        var state = await SaveAcrossALockAsync(stepPerReading: TimeSpan.FromMilliseconds(30));

        Assert.False(state.Stale);
    }

    /// <summary>
    /// The first village's save makes the instance remember the month open; the month is then locked; the second
    /// village's save uses the remembered answer; between the remembered reading and the save's check of its own time
    /// the clock is read twice (the cache's age, the save's elapsed time), each read one step later.
    /// </summary>
    private async Task<PeriodState> SaveAcrossALockAsync(TimeSpan stepPerReading)
    {
        _app.Clock.StepTimestamps(TimeSpan.Zero);
        var first = await _app.PutSubmissionAsync(LocalApp.Villages[0], Month.ToString(), LocalApp.AdminToken, """{ "values": { "heating.heaters": 1 } }""");
        var periods = _app.Services.GetRequiredService<PeriodStore>();
        await periods.LockIfOpenAsync(Town, Month, default);

        _app.Clock.StepTimestamps(stepPerReading);
        var second = await _app.PutSubmissionAsync(LocalApp.Villages[1], Month.ToString(), LocalApp.AdminToken, """{ "values": { "heating.heaters": 2 } }""");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        return await periods.GetAsync(Town, Month, default);
    }
}
