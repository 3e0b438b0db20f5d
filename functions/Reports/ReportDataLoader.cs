using VillageReports.Submissions;
using VillageReports.Targets;
using VillageReports.Units;

namespace VillageReports.Reports;

/// <summary>
/// Reads what a report needs: every expected unit's current figures over a span of months, the year's targets and the
/// amendments. A town's units share its first nine digits, so its figures are one query however many villages it has.
/// </summary>
public sealed class ReportDataLoader(SubmissionStore submissions, TargetStore targets)
{
    public async Task<ReportData> LoadAsync(Town town, Period from, Period through, int targetYear, CancellationToken cancellationToken)
    {
        // The small read goes first: storage that answers one request at a time (Azurite) then does not queue it behind the large one.
        var yearTargets = targets.GetAsync(town.Code, targetYear, cancellationToken);
        var rows = submissions.GetTownReportRowsAsync(town.Code, from, through, cancellationToken);
        await Task.WhenAll(rows, yearTargets);
        var (currentRows, reasoned) = await rows;

        // The range also holds villages dropped from the town (kept, inactive, for their history): only the expected count.
        var expected = town.ExpectedUnits.Select(u => u.Code).ToHashSet();
        var current = currentRows.Where(s => expected.Contains(s.Unit)).ToDictionary(s => (s.Unit, s.Period));

        // An amendment belongs to a period the report covers, of an expected unit, revised more than once.
        var amendments = reasoned
            .Where(r => r.IsAmendment && current.TryGetValue((r.Unit, r.Period), out var now) && now.Revision > 1)
            .ToList();

        return new ReportData(town, current, await yearTargets, amendments);
    }
}
