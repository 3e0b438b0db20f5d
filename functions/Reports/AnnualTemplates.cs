using VillageReports.Catalog;
using VillageReports.Submissions;
using VillageReports.Units;

namespace VillageReports.Reports;

/// <summary>The wording of a town's annual report: its own template (checked before it is stored), or the one shipped with the app.</summary>
public sealed class AnnualTemplates(ElementCatalog catalog, ReportStore reports, AnnualNarrative narrative, TimeProvider clock)
{
    /// <summary>Sets the town's own template after checking that every slot in it resolves; a broken one is refused by line.</summary>
    public async Task<Result<string>> PutAsync(TownScope town, string source, CancellationToken cancellationToken)
    {
        try
        {
            var emptyTown = new Aggregator(catalog, new ReportData(town.Town, new Dictionary<(UnitCode, Period), Submission>(), new Dictionary<string, decimal>(), []));
            AnnualNarrative.Check(source, emptyTown, ChinaTime.Today(clock).Year - 1);
        }
        catch (TemplateException ex)
        {
            return Problem.Invalid("template", "The template cannot be used.", new Dictionary<string, string[]> { ["template"] = [ex.Message] });
        }

        await reports.SaveAnnualTemplateAsync(town.Code, source, cancellationToken);
        return source;
    }

    /// <summary>The template the town's next annual report will use.</summary>
    public async Task<string> GetAsync(TownScope town, CancellationToken cancellationToken) =>
        (await ForAssemblyAsync(town.Code, cancellationToken)).Source;

    public async Task<NarrativeTemplate> ForAssemblyAsync(UnitCode town, CancellationToken cancellationToken) =>
        await reports.GetAnnualTemplateAsync(town, cancellationToken) is { } own ? AnnualNarrative.Town(own) : narrative.Default();
}
