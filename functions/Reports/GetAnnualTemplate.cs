using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;
using VillageReports.Units;

namespace VillageReports.Reports;

public sealed class GetAnnualTemplate(RequestScopes scopes, AnnualTemplates templates)
{
    [Function(nameof(GetAnnualTemplate))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/towns/{town}/templates/annual")] HttpRequest request,
        string town,
        CancellationToken cancellationToken)
    {
        var scope = await scopes.TownAsync(request, town, Need.TownOffice, cancellationToken);
        var template = await scope.ThenAsync(s => templates.GetAsync(s, cancellationToken));
        return ApiResults.From(template, text => new ContentResult { Content = text, ContentType = "text/plain; charset=utf-8", StatusCode = StatusCodes.Status200OK });
    }
}
