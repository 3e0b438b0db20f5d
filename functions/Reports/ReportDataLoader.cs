using VillageReports.Submissions;
using VillageReports.Targets;
using VillageReports.Units;

namespace VillageReports.Reports;

/// <summary>Reads what a report needs: every expected unit's current figures over a span of months, the year's targets and the amendments.</summary>
public sealed class ReportDataLoader(SubmissionStore submissions, TargetStore targets)
{
    public async Task<ReportData> LoadAsync(Town town, Period from, Period through, int targetYear, CancellationToken cancellationToken)
    {
        var perUnit = await Task.WhenAll(town.ExpectedUnits.Select(u => submissions.GetCurrentRangeAsync(u.Code, from, through, cancellationToken)));
        var current = perUnit.SelectMany(list => list).ToDictionary(s => (s.Unit, s.Period));

        // Only a period revised more than once can hold an amendment; read those histories alone.
        var revised = current.Values.Where(s => s.Revision > 1).ToList();
        var histories = await Task.WhenAll(revised.Select(s => submissions.GetRevisionsAsync(s.Unit, s.Period, cancellationToken)));
        var amendments = histories.SelectMany(h => h).Where(r => r.IsAmendment).ToList();

        return new ReportData(town, current, await targets.GetAsync(town.Code, targetYear, cancellationToken), amendments);
    }
}
