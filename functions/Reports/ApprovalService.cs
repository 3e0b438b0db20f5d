using System.Text.Json;
using Microsoft.Extensions.Logging;
using VillageReports.Storage;
using VillageReports.Submissions;
using VillageReports.Units;

namespace VillageReports.Reports;

/// <summary>
/// Approval (审核, after DHIS2's data approval) for towns that opt in: a version reaches the county only once the town
/// office approves it. Approving puts the report's job on the queue again: the assembler, under the report's lease,
/// finds the version unchanged and queues its delivery once, whatever the order of approval, assembly and retries.
/// </summary>
public sealed partial class ApprovalService(
    ReportStore reports,
    ApprovalStore approvals,
    PeriodStore periods,
    JobSender queue,
    TimeProvider clock,
    ILogger<ApprovalService> logger)
{
    private const int MaxTextLength = 500;

    public async Task<Result<Approval>> ApproveAsync(TownScope town, string kind, string periodRoute, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var comment = Text(body, "comment", required: false, errors);
        if (errors.Count > 0)
        {
            return errors.ToProblem("The approval is not valid.");
        }

        // Under the report's lease: the version approved is the latest, and stays so until it is recorded.
        await using var latest = await LatestUnderLeaseAsync(town, kind, periodRoute, cancellationToken);
        if (latest.Version.Problem is { } refused)
        {
            return refused;
        }

        var version = latest.Version.Value!;
        if (await approvals.FindAsync(town.Code, version.Report, version.Version, cancellationToken) is { InForce: true } already)
        {
            return already;
        }

        var approval = new Approval(town.Code, version.Report, version.Version, town.Caller.AuditName, clock.GetUtcNow(), comment);
        await approvals.SaveAsync(approval, cancellationToken);
        if (version.Kind == ReportKind.Monthly)
        {
            // The month is locked already (the run that made the version locked it before reading the figures); the
            // approval shows in its status and the clerk's form.
            await periods.SetApprovedVersionAsync(town.Code, version.Report.Start, version.Version, cancellationToken);
        }

        await queue.SendAsync(Work.ReportJobs, ReportJob.For(town.Code, version.Report), cancellationToken);
        LogApproved(logger, town.Code, version.Kind, version.Report, version.Version, approval.ApprovedBy);
        return approval;
    }

    /// <summary>Withdraws the latest version's approval, with a reason, as long as the county has not been sent it.</summary>
    public async Task<Result<Approval>> WithdrawAsync(TownScope town, string kind, string periodRoute, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var reason = Text(body, "reason", required: true, errors);
        if (errors.Count > 0)
        {
            return errors.ToProblem("The withdrawal is not valid.");
        }

        // Under the report's lease: a delivery cannot be queued between the check below and the withdrawal.
        await using var latest = await LatestUnderLeaseAsync(town, kind, periodRoute, cancellationToken);
        if (latest.Version.Problem is { } refused)
        {
            return refused;
        }

        var version = latest.Version.Value!;
        if (await approvals.FindAsync(town.Code, version.Report, version.Version, cancellationToken) is not { InForce: true } approval)
        {
            return Problem.NotFound($"An approval of version {version.Version}");
        }

        if (version.DeliveryQueued)
        {
            return new Problem(ProblemKind.Conflict, "already-delivered", "This version has gone to the county; its approval can no longer be withdrawn.",
                "Amend the figures (with a reason): the next version needs its own approval.");
        }

        var withdrawn = approval with { WithdrawnBy = town.Caller.AuditName, WithdrawnAt = clock.GetUtcNow(), WithdrawReason = reason };
        await approvals.SaveAsync(withdrawn, cancellationToken);
        if (version.Kind == ReportKind.Monthly)
        {
            await periods.SetApprovedVersionAsync(town.Code, version.Report.Start, null, cancellationToken);
        }

        LogWithdrawn(logger, town.Code, version.Kind, version.Report, version.Version, reason!);
        return withdrawn;
    }

    /// <summary>Whether a version may go to the county: always for a town without approval, else once approved.</summary>
    public async Task<bool> MayDeliverAsync(Town town, ReportVersion version, CancellationToken cancellationToken) =>
        !town.RequireApproval || await approvals.FindAsync(town.Code, version.Report, version.Version, cancellationToken) is { InForce: true };

    /// <summary>
    /// The report's latest version, read under its lease (the assembler's, so assembly and delivery wait for the
    /// caller): 400 for a bad address, 409 when the lease stays held or the town does not approve its reports, 404
    /// when there is no version.
    /// </summary>
    private async Task<LatestVersion> LatestUnderLeaseAsync(TownScope town, string kind, string periodRoute, CancellationToken cancellationToken)
    {
        var report = ReportPeriod.FromRoute(kind, periodRoute);
        if (report.Problem is { } invalid)
        {
            return new LatestVersion(null, invalid);
        }

        var lease = await reports.WaitForLockAsync(town.Code, report.Value, TimeSpan.FromSeconds(10), clock, cancellationToken);
        if (lease is null)
        {
            return new LatestVersion(null, new Problem(ProblemKind.Conflict, "busy", "This report is being assembled right now; try again in a moment."));
        }

        if (!town.Town.RequireApproval)
        {
            return new LatestVersion(lease, new Problem(ProblemKind.Conflict, "approval-not-required", "This town's reports go to the county without approval.",
                "Set \"requireApproval\": true on the town to approve reports first."));
        }

        return new LatestVersion(lease, await reports.LatestAsync(town.Code, report.Value, cancellationToken) is { } latest
            ? latest
            : Problem.NotFound($"A {kind} report for {periodRoute}"));
    }

    /// <summary>A version (or why there is none) and the lease it was read under, released on dispose.</summary>
    private sealed record LatestVersion(IAsyncDisposable? Lease, Result<ReportVersion> Version) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Lease?.DisposeAsync() ?? ValueTask.CompletedTask;
    }

    private static string? Text(ReadOnlyMemory<byte> body, string field, bool required, ValidationErrors errors)
    {
        string? text = null;
        if (!body.IsEmpty)
        {
            using var document = JsonBody.ParseObject(body, errors, $"{{ \"{field}\": \"…\" }}");
            if (document?.RootElement.TryGetProperty(field, out var value) == true && value.ValueKind != JsonValueKind.Null)
            {
                text = value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : null;
                if (value.ValueKind != JsonValueKind.String || text!.Length > MaxTextLength)
                {
                    errors.Add(field, $"{field} 应为不超过{MaxTextLength}个字符的文字。");
                }
            }
        }

        if (required && string.IsNullOrEmpty(text) && errors.Count == 0)
        {
            errors.Add(field, "撤销审核须填写原因（reason）。");
        }

        return string.IsNullOrEmpty(text) ? null : text;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Report {Town} {Kind} {Period} version {Version} approved by {By}")]
    private static partial void LogApproved(ILogger logger, UnitCode town, ReportKind kind, ReportPeriod period, int version, string by);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Approval of report {Town} {Kind} {Period} version {Version} withdrawn: {Reason}")]
    private static partial void LogWithdrawn(ILogger logger, UnitCode town, ReportKind kind, ReportPeriod period, int version, string reason);
}
