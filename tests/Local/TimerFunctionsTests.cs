using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VillageReports.Local;
using VillageReports.Reports;
using VillageReports.Tests.Support;
using VillageReports.Units;

namespace VillageReports.Tests.Local;

/// <summary>The local app with the monthly timer every two seconds; the annual one stays months away.</summary>
public sealed class FrequentTimerApp : LocalApp
{
    protected override void Configure(Dictionary<string, string?> settings) =>
        settings["MonthlyReportSchedule"] = "*/2 * * * * *";
}

public class TimerFunctionsTests(FrequentTimerApp app) : IClassFixture<FrequentTimerApp>
{
    [Fact]
    public async Task A_due_timer_runs_its_function_and_a_far_one_does_not_stop_the_host()
    {
        var reports = app.Services.GetRequiredService<ReportStore>();

        app.Clock.Now = app.Clock.Now.AddMinutes(1);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        ReportVersion? created = null;
        while (created is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            created = await reports.LatestAsync(UnitCode.Parse(LocalApp.Town), ReportPeriod.Month(new Period(2026, 10)), default);
        }

        Assert.NotNull(created);
        Assert.Equal(1, created.Version);
        var timers = app.Services.GetServices<IHostedService>().OfType<TimerFunctions>().Single();
        Assert.False(timers.ExecuteTask!.IsCompleted, "a timer schedule ended: " + timers.ExecuteTask.Exception?.GetBaseException().Message);
        Assert.False(app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
    }
}
