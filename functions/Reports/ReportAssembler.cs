using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VillageReports.Catalog;
using VillageReports.Delivery;
using VillageReports.Storage;
using VillageReports.Submissions;
using VillageReports.Units;

namespace VillageReports.Reports;

/// <summary>
/// Assembles a report from the queue: reads the data, skips the work when nothing changed since the last version,
/// otherwise renders, stores a new version, locks the month and enqueues its delivery.
/// </summary>
public sealed partial class ReportAssembler(
    ElementCatalog catalog,
    UnitStore units,
    ReportDataLoader loader,
    ReportStore reports,
    ReportRenderer renderer,
    AnnualTemplates templates,
    ApprovalService approvals,
    PeriodStore periods,
    JobSender queue,
    TimeProvider clock,
    IOptions<VillageReportsOptions> options,
    ILogger<ReportAssembler> logger)
{
    public async Task<AssemblyOutcome> AssembleAsync(ReportJob job, CancellationToken cancellationToken)
    {
        if (!job.TryRead(out var townCode, out var report))
        {
            throw new InvalidOperationException($"Malformed report job {job}: it goes to the poison queue.");
        }

        // Another run of the same report (a duplicate message, a request racing the timer, an approval) holds the
        // lease for the milliseconds a report takes: wait for it, then find its version covers the same inputs. The
        // town is read and its month locked meanwhile: the lock needs no lease, only to have settled before this run
        // reads the figures (a save that found the month open is then in the data, or marks the report stale itself).
        // The lease is asked for first, the reads under it wait for it: storage that answers one request at a time
        // (Azurite) then does not answer it last.
        var leasing = reports.WaitForLockAsync(townCode, report, ReportStore.LeaseDuration + TimeSpan.FromSeconds(5), clock, cancellationToken);
        var finding = Observed(units.FindTownAsync(townCode, cancellationToken));
        var locking = Observed(LockMonthAsync(townCode, finding, report, cancellationToken));
        await using var held = await leasing;
        var (town, stale) = (await finding, await locking);
        if (town is null)
        {
            throw new InvalidOperationException($"Report job for unknown town {job.Town}: it goes to the poison queue.");
        }

        if (held is null)
        {
            // Still held after a whole lease: put the job back for later instead of failing towards the poison queue.
            await queue.SendAsync(Work.ReportJobs, job, cancellationToken, visibilityDelay: ReportStore.LeaseDuration);
            LogDeferred(logger, job.Town, report.Kind, job.Period);
            return new AssemblyOutcome(AssemblyStatus.Deferred, null);
        }

        // Under the lease: the figures, from January of last year (a report compares with the year before), the latest
        // version (written only under it) and the annual wording (read once: the same text is hashed and rendered). A
        // stale mark is answered by the version this run makes, so it is cleared meanwhile, on the row as the lock saw it (a save that marks the month again keeps its mark for the next
        // run), and only waited for before the version is written.
        var loading = loader.LoadAsync(town, new Period(report.Year - 1, 1), report.End, report.Year, cancellationToken);
        var latestVersion = reports.LatestAsync(townCode, report, cancellationToken);
        var wording = report.Kind == ReportKind.Annual ? AnnualWordingAsync() : Task.FromResult<NarrativeTemplate?>(null);
        var clearing = stale is null ? Task.CompletedTask : Observed(periods.ClearStaleAsync(stale, cancellationToken));
        await Task.WhenAll(loading, wording, latestVersion);
        var (data, template, latest) = (await loading, await wording, await latestVersion);
        async Task<NarrativeTemplate?> AnnualWordingAsync() => await templates.ForAssemblyAsync(townCode, cancellationToken);

        // A month with no version yet, or marked stale by an amendment, all but surely makes a new one: it is rendered
        // here while its hash is computed on another core, instead of after it (should the hash match after all, the
        // render is dropped). Otherwise the hash decides first whether there is anything to render.
        var created = clock.GetUtcNow();
        var hashing = Observed(Task.Run(() => InputsHash.Compute(report, catalog, data, options.Value.DueDay, template?.Source), cancellationToken));
        var rendered = latest is null || stale is not null ? Render() : default((byte[] Pdf, byte[] Json)?);
        (byte[] Pdf, byte[] Json) Render() => renderer.Render(report, new Aggregator(catalog, data), created, template);
        var hash = await hashing;
        await clearing;
        if (latest is not null && latest.InputsHash == hash)
        {
            await FinishAsync(town, latest, held, cancellationToken);
            LogUnchanged(logger, job.Town, report.Kind, job.Period, latest.Version);
            return new AssemblyOutcome(AssemblyStatus.Unchanged, latest);
        }

        var (pdf, json) = rendered ?? Render();
        var version = await reports.AddAsync(townCode, report, (latest?.Version ?? 0) + 1, hash, created, pdf, json, cancellationToken);
        if (report.Kind == ReportKind.Monthly && town.RequireApproval)
        {
            // The month's approval was of the version before: this one needs its own.
            await periods.SetApprovedVersionAsync(townCode, report.Start, null, cancellationToken);
        }

        await FinishAsync(town, version, held, cancellationToken);
        LogCreated(logger, job.Town, report.Kind, job.Period, version.Version, version.Size);
        return new AssemblyOutcome(AssemblyStatus.Created, version);
    }

    /// <summary>
    /// <paramref name="task"/>, whose failure is not left unobserved should the run stop before it waits for it (a read
    /// begun beside the lease; the clear of a stale mark, conditional on the row as the lock read it: sound whenever it
    /// lands).
    /// </summary>
    private static T Observed<T>(T task)
        where T : Task
    {
        _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return task;
    }

    /// <summary>
    /// A monthly report's month locked, and its stale mark if it has one. The month is read while the town is: a job for
    /// an unknown town locks nothing, and only a month not yet locked waits for the town to be found.
    /// </summary>
    private Task<StaleMark?> LockMonthAsync(UnitCode town, Task<Town?> finding, ReportPeriod report, CancellationToken cancellationToken)
    {
        return report.Kind == ReportKind.Monthly ? periods.LockAsync(town, report.Start, Found, cancellationToken) : Task.FromResult<StaleMark?>(null);
        async Task<bool> Found() => await finding is not null;
    }

    /// <summary>
    /// Queues the version's delivery once (for a town that requires approval, once approved); run again when an earlier
    /// run stopped half-way, or when an approval puts the job back on the queue. The month was locked by this run before
    /// its data was read; locking it again here would clear a stale mark set by a PUT that landed since, and lose it.
    /// </summary>
    private async Task FinishAsync(Town town, ReportVersion version, IAsyncDisposable lease, CancellationToken cancellationToken)
    {
        if (!version.DeliveryQueued && await approvals.MayDeliverAsync(town, version, cancellationToken))
        {
            await queue.SendAsync(Work.Deliveries, new DeliveryJob(version.Town.Value, version.Kind.Name(), version.Report.ToString(), version.Version, version.Sha256, version.Size), cancellationToken);
            var marking = reports.MarkDeliveryQueuedAsync(version, cancellationToken);

            // A withdrawal of an approval, under the lease, must see the delivery queued: the lease goes after the mark,
            // when the run ends. A town without approval has no withdrawal; a run that takes its lease before the mark lands queues the
            // delivery again, and a version is delivered once however often its message arrives. (The town is as this run
            // read it: one that turns approval on, then approves and withdraws within the milliseconds before the mark
            // lands, could withdraw a version already on its way, as a run that read the town just before the switch
            // delivers without approval.)
            await Task.WhenAll(marking, town.RequireApproval ? Task.CompletedTask : lease.DisposeAsync().AsTask());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report {Town} {Kind} {Period} held by another run for a whole lease; job put back on the queue")]
    private static partial void LogDeferred(ILogger logger, string town, ReportKind kind, string period);

    [LoggerMessage(Level = LogLevel.Information, Message = "Report {Town} {Kind} {Period} unchanged since version {Version}")]
    private static partial void LogUnchanged(ILogger logger, string town, ReportKind kind, string period, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Report {Town} {Kind} {Period} version {Version} created ({Size} bytes)")]
    private static partial void LogCreated(ILogger logger, string town, ReportKind kind, string period, int version, long size);
}
