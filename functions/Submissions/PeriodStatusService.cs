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
    /// by default), in one query across the town's units.
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
        var reading = periods.GetRangeAsync(town.Code, from, through, cancellationToken);
        var posting = submissions.GetTownCurrentRangeAsync(town.Code, from, through, cancellationToken);
        await Task.WhenAll(reading, posting);
        var (states, posted) = (await reading, (await posting).ToDictionary(s => (s.Unit, s.Period)));
        var dueDay = options.Value.DueDay;

        var rows = town.Town.ExpectedUnits.Select(unit =>
            new OverviewUnit(unit.Code.Value, unit.Name, unit.Level == UnitLevel.Town ? "town" : "village", span
                .Select(p => posted.TryGetValue((unit.Code, p), out var s)
                    ? new OverviewCell(p.ToString(), s.Late ? "late" : "onTime", s.Revision)
                    : new OverviewCell(p.ToString(), today > p.DueDate(dueDay) ? "missing" : "open", null))
                .ToList())).ToList();

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
        var reading = periods.GetAsync(town.Code, period, cancellationToken);
        var posting = submissions.GetTownCurrentRangeAsync(town.Code, period, period, cancellationToken);
        await Task.WhenAll(reading, posting);
        var (state, posted) = (await reading, (await posting).ToDictionary(s => s.Unit));
        var rows = town.Town.ExpectedUnits.Select(u =>
        {
            var current = posted.GetValueOrDefault(u.Code);
            return new UnitStatus(u.Code.Value, u.Name, u.Level == UnitLevel.Town ? "town" : "village", current is not null,
                current?.Late ?? false, current?.Revision, current?.SubmittedAt);
        }).ToList();

        return new PeriodStatus(town.Code.Value, period.ToString(), period.DueDate(options.Value.DueDay), state.Locked, state.Stale, state.Approved,
            rows.Count, rows.Count(r => r.Reported && !r.Late), rows.Count(r => r.Late), rows.Count(r => !r.Reported), rows);
    }
}
