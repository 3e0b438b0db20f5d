using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VillageReports.Catalog;
using VillageReports.Units;

namespace VillageReports.Submissions;

/// <summary>Accepting, reading and auditing a unit's submissions. Knows nothing of HTTP: it answers values or problems.</summary>
public sealed partial class SubmissionService(
    ElementCatalog catalog,
    UnitCache units,
    SubmissionStore submissions,
    PeriodStore periods,
    MonthLocks locks,
    TimeProvider clock,
    IOptions<VillageReportsOptions> options,
    ILogger<SubmissionService> logger)
{
    // Writers without If-Match that collide are re-run on the new current row; each still gets its own revision.
    private const int MaxAttempts = 8;

    private static readonly Problem StaleEntityTag =
        new(ProblemKind.PreconditionFailed, "stale-etag", "The submission has changed since you read it.", "GET it again and re-apply your change.");

    /// <summary>
    /// Validates and stores a submission in two storage requests, one after the other: last month's figures (for the
    /// warnings) read, then one transaction writing the current row and its revision. Most submissions are a unit's
    /// first of the month, so the transaction inserts it straight away; only when a row is there already (a correction,
    /// a retried request) is it read and the save run again on it. With If-Match or as a dry run the current row is
    /// read first. The month's lock comes from <see cref="MonthLocks"/>, read alongside when it is not known.
    /// </summary>
    public async Task<Result<PutOutcome>> PutAsync(UnitScope unit, PutRequest request, CancellationToken cancellationToken)
    {
        var parsed = Period.FromRoute(request.PeriodRoute);
        if (parsed.Problem is { } invalid)
        {
            return invalid;
        }

        var period = parsed.Value;
        if (period.FirstDay > ChinaTime.Today(clock))
        {
            return new Problem(ProblemKind.Conflict, "period-in-future", "This period has not started yet.", $"{period} opens on {period.FirstDay:yyyy-MM-dd} (China time).");
        }

        var monthLock = locks.GetAsync(unit.Code.Town, period, cancellationToken);
        var previous = submissions.GetCurrentAsync(unit.Code, period.Previous, cancellationToken);
        var insertFirst = request.IfMatch is null && !request.DryRun;
        var current = insertFirst ? Task.FromResult<StoredSubmission?>(null) : submissions.GetCurrentAsync(unit.Code, period, cancellationToken);
        await Task.WhenAll(monthLock, previous, current);

        var accepted = Accept(unit, await monthLock, request.Body);
        if (accepted.Problem is { } refused)
        {
            return refused;
        }

        var warnings = SubmissionRules.Outliers(catalog, accepted.Value!.Draft.Values, (await previous)?.Submission.Values);
        return await SaveAsync(unit, period, accepted.Value, await current, warnings, request, cancellationToken);
    }

    public async Task<Result<Submission>> GetAsync(UnitScope unit, string periodRoute, CancellationToken cancellationToken)
    {
        var period = Period.FromRoute(periodRoute);
        if (period.Problem is { } invalid)
        {
            return invalid;
        }

        return await submissions.GetCurrentAsync(unit.Code, period.Value, cancellationToken) is { } current
            ? current.Submission
            : Problem.NotFound($"A submission of {unit.Code} for {period.Value}");
    }

    /// <summary>What the phone form shows for a unit and month: its state, the current figures, last month's.</summary>
    public async Task<Result<UnitForm>> FormAsync(UnitScope unit, string periodRoute, CancellationToken cancellationToken)
    {
        var parsed = Period.FromRoute(periodRoute);
        if (parsed.Problem is { } invalid)
        {
            return invalid;
        }

        var period = parsed.Value;
        // The town office is a unit too: its remembered row names the town, no read of the town's whole partition.
        var town = units.FindUnitAsync(unit.Code.Town, cancellationToken);
        var state = periods.GetAsync(unit.Code.Town, period, cancellationToken);
        var current = submissions.GetCurrentAsync(unit.Code, period, cancellationToken);
        var previous = submissions.GetCurrentAsync(unit.Code, period.Previous, cancellationToken);
        await Task.WhenAll(town, state, current, previous);

        var now = (await current)?.Submission;
        var before = (await previous)?.Submission;
        return new UnitForm(
            unit.Code.Value, unit.Unit.Name, unit.Unit.Level == UnitLevel.Town ? "town" : "village",
            unit.Code.Town.Value, (await town)?.Name ?? "", period.ToString(), period.DueDate(options.Value.DueDay),
            (await state).PhaseOf(period, ChinaTime.Today(clock), options.Value.DueDay),
            now is null ? null : new FormCurrent(now.Revision, now.Values, now.Comment, now.SubmittedAt, now.Late),
            before is null ? null : new FormPrevious(before.Period.ToString(), before.Values));
    }

    public async Task<Result<IReadOnlyList<Submission>>> RevisionsAsync(UnitScope unit, string periodRoute, CancellationToken cancellationToken)
    {
        var period = Period.FromRoute(periodRoute);
        return period.Problem is { } invalid
            ? invalid
            : Result<IReadOnlyList<Submission>>.Success(await submissions.GetRevisionsAsync(unit.Code, period.Value, cancellationToken));
    }

    /// <summary>Whether the body may be stored for the month at all: valid figures, and a reason to amend a locked month.</summary>
    private Result<Accepted> Accept(UnitScope unit, MonthLock state, ReadOnlyMemory<byte> body)
    {
        var errors = new ValidationErrors();
        var draft = SubmissionParser.Parse(body, errors);
        if (draft is not null)
        {
            SubmissionRules.Validate(catalog, unit.Unit.Level, draft.Values, errors);
        }

        if (state.Locked)
        {
            if (!unit.ByTownOffice)
            {
                return new Problem(ProblemKind.Conflict, "period-locked", "This period is locked: its monthly report has been issued.", "Ask the town office to amend it, with a reason.");
            }

            if (draft?.Reason is null)
            {
                errors.Add("reason", "该月报表已生成并锁定，更正须填写原因（reason）。");
            }
        }

        return errors.Count > 0 || draft is null ? errors.ToProblem("The submission is not valid.") : new Accepted(draft, state.Locked, state.ReadAt);
    }

    /// <summary>
    /// Stores the draft as the next revision, unless it equals the current one (a retry). Racing writers are settled by
    /// the current row's ETag: with If-Match the loser gets 412, without it the loser is re-run on the new current row.
    /// <paramref name="current"/> is null when none was read; the first attempt then inserts a first revision.
    /// </summary>
    private async Task<Result<PutOutcome>> SaveAsync(UnitScope unit, Period period, Accepted accepted, StoredSubmission? current, IReadOnlyList<Warning> warnings, PutRequest request, CancellationToken cancellationToken)
    {
        var draft = accepted.Draft;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            if (attempt > 1)
            {
                current = await submissions.GetCurrentAsync(unit.Code, period, cancellationToken);
            }

            if (request.IfMatch is { } ifMatch && (current is null || !EntityTagMatches(ifMatch, current.Submission.EntityTag)))
            {
                return StaleEntityTag;
            }

            if (current is not null && current.Submission.Matches(draft))
            {
                return new PutOutcome(current.Submission, Created: false, request.DryRun, Unchanged: true);
            }

            var now = clock.GetUtcNow();
            var firstAt = current?.FirstSubmittedAt ?? now;
            var submission = new Submission(
                unit.Code, period, (current?.Submission.Revision ?? 0) + 1, draft.Values, draft.Comment, draft.Reason,
                now, unit.Caller.AuditName, Late: period.IsLate(firstAt, options.Value.DueDay), warnings);
            if (request.DryRun)
            {
                return new PutOutcome(submission, current is null, DryRun: true, Unchanged: false);
            }

            if (await submissions.TrySaveAsync(submission, current, firstAt, cancellationToken))
            {
                LogSaved(logger, unit.Code.Town, unit.Code, period, submission.Revision, submission.SubmittedBy, submission.Late, warnings.Count);
                // Once the save is in, the stale mark must be too: a caller that gives up now would not come back to it.
                if (accepted.Locked)
                {
                    await periods.MarkStaleAsync(unit.Code.Town, period, CancellationToken.None);
                    LogAmended(logger, unit.Code.Value, period.ToString(), submission.Revision, draft.Reason!);
                }
                else if (clock.GetElapsedTime(accepted.ReadAt) >= options.Value.LockSettleTime && (await periods.GetAsync(unit.Code.Town, period, CancellationToken.None)).Locked)
                {
                    // A report reads a month only once its lock is LockSettleTime old (PeriodStore.LockAsync), so a save
                    // quicker than that from the open month it read is in the report. This one was slower: the month may
                    // have been locked and read before it landed. Mark the report stale, so the next run makes a
                    // version with it. Nothing sent is ever left out.
                    await periods.MarkStaleAsync(unit.Code.Town, period, CancellationToken.None);
                }

                return new PutOutcome(submission, current is null, DryRun: false, Unchanged: false);
            }

            if (request.IfMatch is not null)
            {
                return StaleEntityTag;
            }
        }

        return new Problem(ProblemKind.Conflict, "busy", "Too many simultaneous changes to this submission; try again.");
    }

    private static bool EntityTagMatches(string ifMatch, string entityTag) =>
        ifMatch.Split(',', StringSplitOptions.TrimEntries).Any(t => t == "*" || t == entityTag || t == "W/" + entityTag);

    /// <param name="ReadAt">The timestamp (<see cref="TimeProvider.GetTimestamp"/>) taken before the month's lock was read.</param>
    private sealed record Accepted(SubmissionDraft Draft, bool Locked, long ReadAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Submission saved: town {Town} unit {Unit} period {Period} revision {Revision} by {SubmittedBy}, late {Late}, {Warnings} warnings")]
    private static partial void LogSaved(ILogger logger, UnitCode town, UnitCode unit, Period period, int revision, string submittedBy, bool late, int warnings);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Locked period amended: {Unit} {Period} revision {Revision}, reason {Reason}")]
    private static partial void LogAmended(ILogger logger, string unit, string period, int revision, string reason);
}
