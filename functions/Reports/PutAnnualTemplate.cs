using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;
using VillageReports.Units;

namespace VillageReports.Reports;

public sealed class PutAnnualTemplate(RequestScopes scopes, ApiRequest api, AnnualTemplates templates)
{
    [Function(nameof(PutAnnualTemplate))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/towns/{town}/templates/annual")] HttpRequest request,
        string town,
        CancellationToken cancellationToken)
    {
        var scope = await scopes.TownAsync(request, town, Need.TownOffice, cancellationToken);
        if (scope.Problem is { } refused)
        {
            return ApiResults.Problem(refused);
        }

        var body = await api.TextBodyAsync(request, cancellationToken);
        var saved = await body.ThenAsync(text => templates.PutAsync(scope.Value!, text, cancellationToken));
        return ApiResults.From(saved, _ => new NoContentResult());
    }
}
