using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VillageReports.Catalog;
using VillageReports.Common;
using VillageReports.Units;

namespace VillageReports.Submissions;

public sealed record PutRequest(string UnitRoute, string PeriodRoute, ReadOnlyMemory<byte> Body, string? IfMatch, bool DryRun);

/// <summary>The answer to a PUT: the revision now current (unchanged on a retry), and whether it was the first.</summary>
public sealed record PutOutcome(Submission Submission, bool Created, bool DryRun);

public sealed record UnitStatus(string Unit, string Name, string Level, bool Reported, bool Late, int? Revision, DateTimeOffset? SubmittedAt);

public sealed record PeriodStatus(string Town, string Period, DateOnly DueDate, bool Locked, bool Stale, int Expected, int OnTime, int Late, int Missing, IReadOnlyList<UnitStatus> Units);

/// <summary>Accepting, reading and auditing submissions. Knows nothing of HTTP: it answers values or problems.</summary>
public sealed partial class SubmissionService(
    ElementCatalog catalog,
    UnitStore units,
    SubmissionStore submissions,
    PeriodStore periods,
    TimeProvider clock,
    IOptions<VillageReportsOptions> options,
    ILogger<SubmissionService> logger)
{
    // Writers without If-Match that collide are re-run on the new current row; each still gets its own revision.
    private const int MaxAttempts = 8;

    private static readonly Problem StaleEntityTag =
        new(ProblemKind.PreconditionFailed, "stale-etag", "The submission has changed since you read it.", "GET it again and re-apply your change.");

    public async Task<Result<PutOutcome>> PutAsync(Caller caller, PutRequest request, CancellationToken cancellationToken)
    {
        var target = await ResolveAsync(caller, request.UnitRoute, request.PeriodRoute, cancellationToken);
        if (target.Problem is { } refused)
        {
            return refused;
        }

        var (unit, period) = target.Value!;
        var today = ChinaTime.Today(clock);
        if (period.FirstDay > today)
        {
            return new Problem(ProblemKind.Conflict, "period-in-future", "This period has not started yet.", $"{period} opens on {period.FirstDay:yyyy-MM-dd} (China time).");
        }

        var errors = new ValidationErrors();
        var draft = SubmissionParser.Parse(request.Body, errors);
        if (draft is not null)
        {
            SubmissionRules.Validate(catalog, unit.Level, draft.Values, errors);
        }

        var state = await periods.GetAsync(unit.Code.Town, period, cancellationToken);
        if (state.Locked)
        {
            if (!caller.IsAdmin)
            {
                return new Problem(ProblemKind.Conflict, "period-locked", "This period is locked: its monthly report has been issued.", "Ask the town office to amend it, with a reason.");
            }

            if (draft?.Reason is null)
            {
                errors.Add("reason", "该月报表已生成并锁定，更正须填写原因（reason）。");
            }
        }

        if (errors.Count > 0 || draft is null)
        {
            return errors.ToProblem("The submission is not valid.");
        }

        var previous = await submissions.GetCurrentAsync(unit.Code, period.Previous, cancellationToken);
        var warnings = SubmissionRules.Outliers(catalog, draft.Values, previous?.Submission.Values);
        for (var attempt = 1; ; attempt++)
        {
            var current = await submissions.GetCurrentAsync(unit.Code, period, cancellationToken);
            if (request.IfMatch is { } ifMatch && (current is null || !EntityTagMatches(ifMatch, current.Submission.EntityTag)))
            {
                return StaleEntityTag;
            }

            if (current is not null && current.Submission.Matches(draft))
            {
                return new PutOutcome(current.Submission, Created: false, request.DryRun);
            }

            var now = clock.GetUtcNow();
            var firstAt = current?.FirstSubmittedAt ?? now;
            var submission = new Submission(
                unit.Code, period, (current?.Submission.Revision ?? 0) + 1, draft.Values, draft.Comment, draft.Reason,
                now, caller.IsAdmin ? "admin" : unit.Code.Value,
                Late: period.IsLate(firstAt, options.Value.DueDay),
                warnings);
            if (request.DryRun)
            {
                return new PutOutcome(submission, current is null, DryRun: true);
            }

            if (await submissions.TrySaveAsync(submission, current, firstAt, cancellationToken))
            {
                if (state.Locked)
                {
                    await periods.MarkStaleAsync(unit.Code.Town, period, cancellationToken);
                    LogAmended(logger, unit.Code.Value, period.ToString(), submission.Revision, draft.Reason!);
                }

                return new PutOutcome(submission, current is null, DryRun: false);
            }

            if (request.IfMatch is not null)
            {
                return StaleEntityTag;
            }

            if (attempt == MaxAttempts)
            {
                return new Problem(ProblemKind.Conflict, "busy", "Too many simultaneous changes to this submission; try again.");
            }
        }
    }

    public async Task<Result<Submission>> GetAsync(Caller caller, string unitRoute, string periodRoute, CancellationToken cancellationToken)
    {
        var target = await ResolveAsync(caller, unitRoute, periodRoute, cancellationToken);
        if (target.Problem is { } refused)
        {
            return refused;
        }

        var (unit, period) = target.Value!;
        return await submissions.GetCurrentAsync(unit.Code, period, cancellationToken) is { } current
            ? current.Submission
            : Problem.NotFound($"A submission of {unit.Code} for {period}");
    }

    public async Task<Result<IReadOnlyList<Submission>>> RevisionsAsync(Caller caller, string unitRoute, string periodRoute, CancellationToken cancellationToken)
    {
        var target = await ResolveAsync(caller, unitRoute, periodRoute, cancellationToken);
        if (target.Problem is { } refused)
        {
            return refused;
        }

        var (unit, period) = target.Value!;
        return Result<IReadOnlyList<Submission>>.Success(await submissions.GetRevisionsAsync(unit.Code, period, cancellationToken));
    }

    public async Task<Result<PeriodStatus>> StatusAsync(Caller caller, string townRoute, string periodRoute, CancellationToken cancellationToken)
    {
        var route = UnitCode.TownFromRoute(townRoute);
        if (route.Problem is { } badTown)
        {
            return badTown;
        }

        if (!Period.TryParse(periodRoute, out var period))
        {
            return Problem.InvalidField("period", "A period is written YYYY-MM, e.g. 2026-10.");
        }

        if (Access.Admin(caller) is { } refused)
        {
            return refused;
        }

        var townCode = route.Value;
        if (await units.FindTownAsync(townCode, cancellationToken) is not { } town)
        {
            return Problem.NotFound("Town");
        }

        var state = await periods.GetAsync(townCode, period, cancellationToken);
        var rows = await Task.WhenAll(town.ExpectedUnits.Select(async u =>
        {
            var current = await submissions.GetCurrentAsync(u.Code, period, cancellationToken);
            return new UnitStatus(u.Code.Value, u.Name, u.Level == UnitLevel.Town ? "town" : "village", current is not null,
                current?.Submission.Late ?? false, current?.Submission.Revision, current?.Submission.SubmittedAt);
        }));

        return new PeriodStatus(townCode.Value, period.ToString(), period.DueDate(options.Value.DueDay), state.Locked, state.Stale,
            rows.Length, rows.Count(r => r.Reported && !r.Late), rows.Count(r => r.Late), rows.Count(r => !r.Reported), rows);
    }

    /// <summary>Checks the route values, then the caller, then that the unit exists: the order that leaks nothing.</summary>
    private async Task<Result<(ReportingUnit Unit, Period Period)>> ResolveAsync(Caller caller, string unitRoute, string periodRoute, CancellationToken cancellationToken)
    {
        if (!UnitCode.TryParse(unitRoute, out var code) || code.IsCounty)
        {
            return Problem.InvalidField("unit", "A unit code is 12 digits (统计用区划代码).");
        }

        if (!Period.TryParse(periodRoute, out var period))
        {
            return Problem.InvalidField("period", "A period is written YYYY-MM, e.g. 2026-10.");
        }

        if (Access.UnitWriter(caller, code) is { } refused)
        {
            return refused;
        }

        return await units.FindUnitAsync(code, cancellationToken) is { } unit
            ? (unit, period)
            : Problem.NotFound($"Unit {code}");
    }

    private static bool EntityTagMatches(string ifMatch, string entityTag) =>
        ifMatch.Split(',', StringSplitOptions.TrimEntries).Any(t => t == "*" || t == entityTag || t == "W/" + entityTag);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Locked period amended: {Unit} {Period} revision {Revision}, reason {Reason}")]
    private static partial void LogAmended(ILogger logger, string unit, string period, int revision, string reason);
}
