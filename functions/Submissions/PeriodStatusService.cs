using Microsoft.Extensions.Options;
using VillageReports.Catalog;
using VillageReports.Units;

namespace VillageReports.Submissions;

/// <summary>Who has reported for a period, for the town office and its county.</summary>
public sealed class PeriodStatusService(SubmissionStore submissions, PeriodStore periods, IOptions<VillageReportsOptions> options)
{
    public async Task<Result<PeriodStatus>> StatusAsync(TownScope town, string periodRoute, CancellationToken cancellationToken)
    {
        var parsed = Period.FromRoute(periodRoute);
        if (parsed.Problem is { } invalid)
        {
            return invalid;
        }

        var period = parsed.Value;
        var state = await periods.GetAsync(town.Code, period, cancellationToken);
        var rows = await Task.WhenAll(town.Town.ExpectedUnits.Select(async u =>
        {
            var current = await submissions.GetCurrentAsync(u.Code, period, cancellationToken);
            return new UnitStatus(u.Code.Value, u.Name, u.Level == UnitLevel.Town ? "town" : "village", current is not null,
                current?.Submission.Late ?? false, current?.Submission.Revision, current?.Submission.SubmittedAt);
        }));

        return new PeriodStatus(town.Code.Value, period.ToString(), period.DueDate(options.Value.DueDay), state.Locked, state.Stale,
            rows.Length, rows.Count(r => r.Reported && !r.Late), rows.Count(r => r.Late), rows.Count(r => !r.Reported), rows);
    }
}
