using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VillageReports.Catalog;
using VillageReports.Common;
using VillageReports.Storage;
using VillageReports.Submissions;
using VillageReports.Units;

namespace VillageReports.Reports;

/// <summary>What an assembly run did.</summary>
public enum AssemblyResult { Created, Unchanged }

public sealed record AssemblyOutcome(AssemblyResult Result, ReportVersion? Version);

/// <summary>A report file to stream back.</summary>
public sealed record ReportFile(ReportVersion Version, Stream Content);

public sealed record ReportListing(string Town, IReadOnlyList<ReportListingEntry> Reports);

public sealed record ReportListingEntry(string Kind, string Period, int Version, long Size, string Sha256, DateTimeOffset Created, bool Stale);

/// <summary>
/// Requests, assembles, lists and serves reports. Assembly runs from the queue: it reads the data, skips the work
/// when nothing changed since the last version, otherwise renders, stores a new version, locks the period and
/// enqueues its delivery.
/// </summary>
public sealed partial class ReportService(
    ElementCatalog catalog,
    UnitStore units,
    ReportDataLoader loader,
    ReportStore reports,
    ReportRenderer renderer,
    AnnualNarrative narrative,
    PeriodStore periods,
    JobSender queue,
    StorageNames names,
    TimeProvider clock,
    IOptions<VillageReportsOptions> options,
    ILogger<ReportService> logger)
{
    public const string Monthly = "monthly";
    public const string Annual = "annual";

    /// <summary>Queues an assembly now (admin): the same path the timers take.</summary>
    public async Task<Result<ReportJob>> RequestAsync(Caller caller, string townRoute, string kind, string periodRoute, CancellationToken cancellationToken)
    {
        var route = UnitCode.TownFromRoute(townRoute);
        if (route.Problem is { } badTown)
        {
            return badTown;
        }

        if (ParsePeriod(kind, periodRoute) is not { } period)
        {
            return Problem.InvalidField("period", kind == Monthly ? "A month is written YYYY-MM." : "A year is written YYYY.");
        }

        if (Access.Admin(caller) is { } refused)
        {
            return refused;
        }

        var town = route.Value;
        if (await units.FindTownAsync(town, cancellationToken) is null)
        {
            return Problem.NotFound("Town");
        }

        var today = ChinaTime.Today(clock);
        if (kind == Monthly ? period.FirstDay > today : period.Year > today.Year)
        {
            return new Problem(ProblemKind.Conflict, "period-in-future", "A report can only cover a period that has begun.");
        }

        var job = new ReportJob(town.Value, kind, periodRoute);
        await queue.SendAsync(names.ReportJobsQueue, job, cancellationToken);
        return job;
    }

    /// <summary>
    /// Queues this kind of report for every town: the previous month, or the previous year (China time). The monthly
    /// run also rebuilds every month amended after its report was issued, and the past years those months belong to.
    /// </summary>
    public async Task<int> EnqueueForAllTownsAsync(string kind, CancellationToken cancellationToken)
    {
        var today = ChinaTime.Today(clock);
        var period = kind == Monthly
            ? Period.Containing(today).Previous.ToString()
            : (today.Year - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var towns = await units.ListTownsAsync(cancellationToken);
        var jobs = 0;
        foreach (var town in towns)
        {
            var due = new List<ReportJob> { new(town.Code.Value, kind, period) };
            if (kind == Monthly)
            {
                var stale = await periods.ListStaleAsync(town.Code, cancellationToken);
                due.AddRange(stale.Select(p => new ReportJob(town.Code.Value, Monthly, p.ToString())));
                due.AddRange(stale.Where(p => p.Year < today.Year).Select(p => p.Year).Distinct()
                    .Select(y => new ReportJob(town.Code.Value, Annual, y.ToString(System.Globalization.CultureInfo.InvariantCulture))));
            }

            foreach (var job in due.Distinct())
            {
                await queue.SendAsync(names.ReportJobsQueue, job, cancellationToken);
                jobs++;
            }
        }

        LogEnqueued(logger, jobs, kind, period);
        return jobs;
    }

    public async Task<AssemblyOutcome> AssembleAsync(ReportJob job, CancellationToken cancellationToken)
    {
        if (!UnitCode.TryParse(job.Town, out var townCode) || !townCode.IsTown || job.Kind is not (Monthly or Annual) || ParsePeriod(job.Kind, job.Period) is not { } period)
        {
            throw new InvalidOperationException($"Malformed report job {job}: it goes to the poison queue.");
        }

        var town = await units.FindTownAsync(townCode, cancellationToken)
            ?? throw new InvalidOperationException($"Report job for unknown town {job.Town}: it goes to the poison queue.");

        await using var held = await reports.LockAsync(townCode, job.Kind, job.Period, cancellationToken);
        if (held is null)
        {
            // Another run holds this report right now; the queue retries this message later.
            throw new ReportBusyException($"Report {job.Town} {job.Kind} {job.Period} is being assembled by another run.");
        }

        var (from, through) = job.Kind == Monthly ? (new Period(period.Year - 1, 1), period) : (new Period(period.Year - 1, 1), new Period(period.Year, 12));
        var data = await loader.LoadAsync(town, from, through, period.Year, cancellationToken);
        // The annual wording is read once: the same text is hashed as an input and rendered.
        var template = job.Kind == Annual
            ? await reports.GetAnnualTemplateAsync(townCode, cancellationToken) is { } own ? AnnualNarrative.Town(own) : narrative.Default()
            : null;
        var hash = InputsHash.Compute(job.Kind, job.Period, catalog, data, options.Value.DueDay, template?.Source);
        var latest = await reports.LatestAsync(townCode, job.Kind, job.Period, cancellationToken);
        if (latest is not null && latest.InputsHash == hash)
        {
            await FinishAsync(latest, period, cancellationToken);
            LogUnchanged(logger, job.Town, job.Kind, job.Period, latest.Version);
            return new AssemblyOutcome(AssemblyResult.Unchanged, latest);
        }

        var created = clock.GetUtcNow();
        var (pdf, json) = renderer.Render(job.Kind, new Aggregator(catalog, data), period, created, template);
        var version = await reports.AddAsync(townCode, job.Kind, job.Period, (latest?.Version ?? 0) + 1, hash, created, pdf, json, cancellationToken);
        await FinishAsync(version, period, cancellationToken);
        LogCreated(logger, job.Town, job.Kind, job.Period, version.Version, version.Size);
        return new AssemblyOutcome(AssemblyResult.Created, version);
    }

    public async Task<Result<ReportListing>> ListAsync(Caller caller, string townRoute, CancellationToken cancellationToken)
    {
        var town = await ReaderTownAsync(caller, townRoute, cancellationToken);
        if (town.Problem is { } problem)
        {
            return problem;
        }

        var versions = await reports.ListAsync(town.Value!.Code, cancellationToken);
        var latest = versions.GroupBy(v => (v.Kind, v.Period)).ToDictionary(g => g.Key, g => g.Max(v => v.Version));
        var stale = (await periods.ListStaleAsync(town.Value.Code, cancellationToken)).Select(p => p.ToString()).ToHashSet(StringComparer.Ordinal);
        return new ReportListing(town.Value.Code.Value, versions
            .Select(v => new ReportListingEntry(v.Kind, v.Period, v.Version, v.Size, v.Sha256, v.Created,
                Stale: v.Kind == Monthly && v.Version == latest[(v.Kind, v.Period)] && stale.Contains(v.Period)))
            .ToList());
    }

    public async Task<Result<ReportFile>> OpenAsync(Caller caller, string townRoute, string kind, string periodRoute, string? versionText, CancellationToken cancellationToken)
    {
        if (kind is not (Monthly or Annual) || ParsePeriod(kind, periodRoute) is null)
        {
            return Problem.InvalidField("period", "A report is monthly/YYYY-MM or annual/YYYY.");
        }

        int? wanted = null;
        if (!string.IsNullOrEmpty(versionText))
        {
            if (!int.TryParse(versionText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n < 1)
            {
                return Problem.InvalidField("version", "A version is a whole number from 1.");
            }

            wanted = n;
        }

        var town = await ReaderTownAsync(caller, townRoute, cancellationToken);
        if (town.Problem is { } problem)
        {
            return problem;
        }

        var version = wanted is { } w
            ? await reports.FindAsync(town.Value!.Code, kind, periodRoute, w, cancellationToken)
            : await reports.LatestAsync(town.Value!.Code, kind, periodRoute, cancellationToken);
        return version is null
            ? Problem.NotFound($"A {kind} report for {periodRoute}{(wanted is null ? "" : $" version {wanted}")}")
            : new ReportFile(version, await reports.OpenAsync(version.PdfBlob, cancellationToken));
    }

    /// <summary>Sets the town's own annual template after checking that every slot in it resolves; a broken one is refused by line.</summary>
    public async Task<Result<string>> PutAnnualTemplateAsync(Caller caller, string townRoute, string source, CancellationToken cancellationToken)
    {
        var code = UnitCode.TownFromRoute(townRoute);
        if ((code.Problem ?? Access.Admin(caller)) is { } refused)
        {
            return refused;
        }

        if (await units.FindTownAsync(code.Value, cancellationToken) is not { } town)
        {
            return Problem.NotFound("Town");
        }

        try
        {
            var emptyTown = new Aggregator(catalog, new ReportData(town, new Dictionary<(UnitCode, Period), Submission>(), new Dictionary<string, decimal>(), []));
            AnnualNarrative.Check(source, emptyTown, ChinaTime.Today(clock).Year - 1);
        }
        catch (TemplateException ex)
        {
            return Problem.Invalid("template", "The template cannot be used.", new Dictionary<string, string[]> { ["template"] = [ex.Message] });
        }

        await reports.SaveAnnualTemplateAsync(code.Value, source, cancellationToken);
        return source;
    }

    /// <summary>The template the town's next annual report will use: its own, or the one shipped with the app.</summary>
    public async Task<Result<string>> GetAnnualTemplateAsync(Caller caller, string townRoute, CancellationToken cancellationToken)
    {
        var code = UnitCode.TownFromRoute(townRoute);
        if ((code.Problem ?? Access.Admin(caller)) is { } refused)
        {
            return refused;
        }

        return await reports.GetAnnualTemplateAsync(code.Value, cancellationToken) ?? narrative.Default().Source;
    }

    public static Period? ParsePeriod(string kind, string text) => kind switch
    {
        Monthly when Period.TryParse(text, out var month) => month,
        Annual when text.Length == 4 && Period.TryParse(text + "-01", out var year) => year,
        _ => null,
    };

    private async Task FinishAsync(ReportVersion version, Period period, CancellationToken cancellationToken)
    {
        if (version.Kind == Monthly)
        {
            await periods.LockAsync(UnitCode.Parse(version.Town), period, cancellationToken);
        }

        if (!version.DeliveryQueued)
        {
            await queue.SendAsync(names.DeliveryQueue, new Delivery.DeliveryJob(version.Town, version.Kind, version.Period, version.Version), cancellationToken);
            await reports.MarkDeliveryQueuedAsync(version, cancellationToken);
        }
    }

    /// <summary>Reports are read by the town office and by the county the town belongs to.</summary>
    private async Task<Result<Town>> ReaderTownAsync(Caller caller, string townRoute, CancellationToken cancellationToken)
    {
        var code = UnitCode.TownFromRoute(townRoute);
        if ((code.Problem ?? Access.TownReader(caller, code.Value)) is { } refused)
        {
            return refused;
        }

        return await units.FindTownAsync(code.Value, cancellationToken) is { } town ? town : Problem.NotFound("Town");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Enqueued {Count} report jobs on the {Kind} run for {Period} (stale reports included)")]
    private static partial void LogEnqueued(ILogger logger, int count, string kind, string period);

    [LoggerMessage(Level = LogLevel.Information, Message = "Report {Town} {Kind} {Period} unchanged since version {Version}")]
    private static partial void LogUnchanged(ILogger logger, string town, string kind, string period, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Report {Town} {Kind} {Period} version {Version} created ({Size} bytes)")]
    private static partial void LogCreated(ILogger logger, string town, string kind, string period, int version, long size);
}

/// <summary>Another run is assembling the same report; the message is retried.</summary>
public sealed class ReportBusyException : Exception
{
    public ReportBusyException(string message) : base(message)
    {
    }
}
