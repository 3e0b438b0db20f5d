using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;
using VillageReports.Units;

namespace VillageReports.Targets;

public sealed class GetTargets(RequestScopes scopes, TargetService targets)
{
    [Function(nameof(GetTargets))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/towns/{town}/targets/{year}")] HttpRequest request,
        string town,
        string year,
        CancellationToken cancellationToken)
    {
        var scope = await scopes.TownAsync(request, town, Need.TownOffice, cancellationToken);
        var found = await scope.ThenAsync(s => targets.GetAsync(s, year, cancellationToken));
        return ApiResults.From(found, t => ApiResults.Json(t));
    }
}
