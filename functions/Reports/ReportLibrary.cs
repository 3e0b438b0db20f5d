using System.Globalization;
using VillageReports.Submissions;
using VillageReports.Units;

namespace VillageReports.Reports;

/// <summary>The stored versions of a town's reports: listed and downloaded by the town office and its county.</summary>
public sealed class ReportLibrary(ReportStore reports, ApprovalStore approvals, PeriodStore periods)
{
    public async Task<ReportListing> ListAsync(TownScope town, CancellationToken cancellationToken)
    {
        var versions = await reports.ListAsync(town.Code, cancellationToken);
        var latest = versions.GroupBy(v => v.Report).ToDictionary(g => g.Key, g => g.Max(v => v.Version));
        var stale = (await periods.ListStaleAsync(town.Code, cancellationToken)).ToHashSet();
        var approved = town.Town.RequireApproval
            ? (await approvals.ListAsync(town.Code, cancellationToken)).ToDictionary(a => (a.Report, a.Version))
            : [];
        return new ReportListing(town.Code.Value, versions
            .Select(v => new ReportListingEntry(v.Kind, v.Report.ToString(), v.Version, v.Size, v.Sha256, v.Created,
                Stale: v.Kind == ReportKind.Monthly && v.Version == latest[v.Report] && stale.Contains(v.Report.Start),
                Approval: !town.Town.RequireApproval ? "notRequired"
                    : approved.GetValueOrDefault((v.Report, v.Version)) is not { } a ? "awaiting"
                    : a.InForce ? "approved" : "withdrawn",
                v.DeliveryQueued))
            .ToList());
    }

    public async Task<Result<ReportFile>> OpenAsync(TownScope town, string kind, string periodRoute, string? versionText, CancellationToken cancellationToken)
    {
        var report = ReportPeriod.FromRoute(kind, periodRoute);
        if (report.Problem is { } invalid)
        {
            return invalid;
        }

        int? wanted = null;
        if (!string.IsNullOrEmpty(versionText))
        {
            if (!int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
            {
                return Problem.InvalidField("version", "A version is a whole number from 1.");
            }

            wanted = n;
        }

        var version = wanted is { } w
            ? await reports.FindAsync(town.Code, report.Value, w, cancellationToken)
            : await reports.LatestAsync(town.Code, report.Value, cancellationToken);
        return version is null
            ? Problem.NotFound($"A {kind} report for {periodRoute}{(wanted is null ? "" : $" version {wanted}")}")
            : new ReportFile(version, await reports.OpenAsync(version.PdfBlob, cancellationToken));
    }
}
