using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;
using VillageReports.Units;

namespace VillageReports.Targets;

public sealed class PutTargets(RequestScopes scopes, ApiRequest api, TargetService targets)
{
    [Function(nameof(PutTargets))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/towns/{town}/targets/{year}")] HttpRequest request,
        string town,
        string year,
        CancellationToken cancellationToken)
    {
        var scope = await scopes.TownAsync(request, town, Need.TownOffice, cancellationToken);
        if (scope.Problem is { } refused)
        {
            return ApiResults.Problem(refused);
        }

        var body = await api.JsonBodyAsync(request, cancellationToken);
        var saved = await body.ThenAsync(b => targets.PutAsync(scope.Value!, year, b, cancellationToken));
        return ApiResults.From(saved, t => ApiResults.Json(t));
    }
}
