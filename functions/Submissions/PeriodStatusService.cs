using Microsoft.Extensions.Options;
using VillageReports.Catalog;
using VillageReports.Units;

namespace VillageReports.Submissions;

/// <summary>Who has reported for a period, for the town office and its county.</summary>
public sealed class PeriodStatusService(SubmissionStore submissions, PeriodStore periods, TimeProvider clock, IOptions<VillageReportsOptions> options)
{
    public const int MaxOverviewMonths = 24;

    /// <summary>
    /// The town office's grid: every expected unit against the months up to <paramref name="throughText"/> (last month
    /// by default), one range read per unit.
    /// </summary>
    public async Task<Result<TownOverview>> OverviewAsync(TownScope town, string? throughText, string? monthsText, CancellationToken cancellationToken)
    {
        var today = ChinaTime.Today(clock);
        var through = Period.Containing(today).Previous;
        if (!string.IsNullOrEmpty(throughText))
        {
            var parsed = Period.FromRoute(throughText);
            if (parsed.Problem is { } invalid)
            {
                return invalid;
            }

            through = parsed.Value;
        }

        var months = 12;
        if (!string.IsNullOrEmpty(monthsText) && (!int.TryParse(monthsText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out months) || months is < 1 or > MaxOverviewMonths))
        {
            return Problem.InvalidField("months", $"months is a whole number from 1 to {MaxOverviewMonths}.");
        }

        var from = through.AddMonths(1 - months);
        var span = from.Through(through).ToList();
        var states = await periods.GetRangeAsync(town.Code, from, through, cancellationToken);
        var posted = await Task.WhenAll(town.Town.ExpectedUnits.Select(u => submissions.GetCurrentRangeAsync(u.Code, from, through, cancellationToken)));
        var dueDay = options.Value.DueDay;

        var rows = town.Town.ExpectedUnits.Select((unit, i) =>
        {
            var byPeriod = posted[i].ToDictionary(s => s.Period);
            return new OverviewUnit(unit.Code.Value, unit.Name, unit.Level == UnitLevel.Town ? "town" : "village", span
                .Select(p => byPeriod.TryGetValue(p, out var s)
                    ? new OverviewCell(p.ToString(), s.Late ? "late" : "onTime", s.Revision)
                    : new OverviewCell(p.ToString(), today > p.DueDate(dueDay) ? "missing" : "open", null))
                .ToList());
        }).ToList();

        return new TownOverview(town.Code.Value, town.Town.Name,
            span.Select(p => new OverviewPeriod(p.ToString(), p.DueDate(dueDay), states[p].Locked, states[p].Stale, states[p].Approved)).ToList(), rows);
    }

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

        return new PeriodStatus(town.Code.Value, period.ToString(), period.DueDate(options.Value.DueDay), state.Locked, state.Stale, state.Approved,
            rows.Length, rows.Count(r => r.Reported && !r.Late), rows.Count(r => r.Late), rows.Count(r => !r.Reported), rows);
    }
}
