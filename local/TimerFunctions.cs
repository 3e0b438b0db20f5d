using Microsoft.Azure.Functions.Worker;

namespace VillageReports.Local;

/// <summary>Runs each timer-triggered function on its schedule (NCRONTAB, in UTC, as on Linux plans).</summary>
public sealed partial class TimerFunctions(IEnumerable<FunctionEntry> functions, IServiceProvider services, IConfiguration configuration, TimeProvider clock, ILogger<TimerFunctions> logger)
    : BackgroundService
{
    private static readonly TimeSpan MaxSlice = TimeSpan.FromDays(1);

    /// <summary>
    /// Runs every schedule; the first one to break ends the service at once (and with it the host), rather than
    /// failing silently while the others keep running as Task.WhenAll would let it.
    /// </summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedules = functions.Where(f => f.Trigger == TriggerKind.Timer).Select(f => RunScheduleAsync(f, stoppingToken)).ToList();
        while (schedules.Count > 0)
        {
            var ended = await Task.WhenAny(schedules);
            await ended;
            schedules.Remove(ended);
        }
    }

    /// <summary>The schedule of a timer function, with its <c>%Setting%</c> resolved.</summary>
    public static TimerSchedule Schedule(FunctionEntry function, IConfiguration configuration) =>
        TimerSchedule.Parse(FunctionIndex.Resolve(function.Timer.Schedule, name => configuration[name]));

    private async Task RunScheduleAsync(FunctionEntry function, CancellationToken stoppingToken)
    {
        var schedule = Schedule(function, configuration);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var next = schedule.Next(now);
            LogNext(logger, function.Name, next);
            if (!await WaitUntilAsync(next, stoppingToken))
            {
                return;
            }

            try
            {
                await using var scope = services.CreateAsyncScope();
                await FunctionInvoker.InvokeAsync(function, scope.ServiceProvider, p =>
                    p.ParameterType == typeof(TimerInfo) ? new TimerInfo()
                    : p.ParameterType == typeof(CancellationToken) ? stoppingToken
                    : null);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // As on the real host: a failed timer run is logged and not retried; the next occurrence still runs.
                LogFailed(logger, ex, function.Name);
            }
        }
    }

    /// <summary>
    /// Waits in slices of at most a day: a timer may be months away (the annual report), past what one delay can
    /// span, and a slice also notices a clock that jumped.
    /// </summary>
    private async Task<bool> WaitUntilAsync(DateTimeOffset due, CancellationToken stoppingToken)
    {
        for (var left = due - clock.GetUtcNow(); left > TimeSpan.Zero; left = due - clock.GetUtcNow())
        {
            try
            {
                await Task.Delay(left < MaxSlice ? left : MaxSlice, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {Function} next runs at {Next:u}")]
    private static partial void LogNext(ILogger logger, string function, DateTimeOffset next);

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer {Function} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function);
}
