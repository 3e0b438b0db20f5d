using Microsoft.Extensions.Logging;
using VillageReports.Storage;
using VillageReports.Submissions;
using VillageReports.Units;

namespace VillageReports.Reports;

/// <summary>
/// Puts report jobs on the queue, from a request or a timer: the one path to <see cref="ReportAssembler"/>, whose
/// retries and poison queue carry the work (a failed timer run is not retried by the host).
/// </summary>
public sealed partial class ReportRequests(UnitStore units, PeriodStore periods, JobSender queue, TimeProvider clock, ILogger<ReportRequests> logger)
{
    // A county's hundred towns: one request after another, the last would wait for a hundred round trips.
    private const int Parallelism = 16;

    /// <summary>Queues an assembly now: the same path the timers take.</summary>
    public async Task<Result<ReportJob>> RequestAsync(TownScope town, string kind, string periodRoute, CancellationToken cancellationToken)
    {
        var report = ReportPeriod.FromRoute(kind, periodRoute);
        if (report.Problem is { } invalid)
        {
            return invalid;
        }

        if (!report.Value.HasBegun(ChinaTime.Today(clock)))
        {
            return new Problem(ProblemKind.Conflict, "period-in-future", "A report can only cover a period that has begun.");
        }

        var job = ReportJob.For(town.Code, report.Value);
        await queue.SendAsync(Work.ReportJobs, job, cancellationToken);
        return job;
    }

    /// <summary>
    /// Queues this kind of report for every town: the previous month, or the previous year (China time). The monthly
    /// run also rebuilds every month amended after its report was issued, and the past years those months belong to.
    /// </summary>
    public async Task<int> EnqueueForAllTownsAsync(ReportKind kind, CancellationToken cancellationToken)
    {
        var today = ChinaTime.Today(clock);
        var report = kind == ReportKind.Monthly ? ReportPeriod.Month(Period.Containing(today).Previous) : ReportPeriod.OfYear(today.Year - 1);

        var towns = await units.ListTownsAsync(cancellationToken);
        var stale = kind == ReportKind.Monthly ? await periods.ListStaleOfAllTownsAsync(cancellationToken) : null;
        var jobs = towns.SelectMany(town =>
        {
            var due = new List<ReportPeriod> { report };
            if (stale is not null)
            {
                due.AddRange(stale[town.Code].Select(ReportPeriod.Month));
                due.AddRange(stale[town.Code].Where(p => p.Year < today.Year).Select(p => p.Year).Distinct().Select(ReportPeriod.OfYear));
            }

            return due.Distinct().Select(period => ReportJob.For(town.Code, period));
        }).ToList();

        var sideBySide = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(jobs, sideBySide, async (job, ct) => await queue.SendAsync(Work.ReportJobs, job, ct));

        if (kind == ReportKind.Monthly)
        {
            // Every town's month locked at once, after its job is queued (a failure here leaves the jobs to lock it):
            // the jobs then wait out one shared settle time instead of each its own as the queue hands them out.
            await Parallel.ForEachAsync(towns, sideBySide, async (town, ct) => await periods.LockIfOpenAsync(town.Code, report.Start, ct));
        }

        LogEnqueued(logger, jobs.Count, kind, report);
        return jobs.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Enqueued {Count} report jobs on the {Kind} run for {Period} (stale reports included)")]
    private static partial void LogEnqueued(ILogger logger, int count, ReportKind kind, ReportPeriod period);
}
