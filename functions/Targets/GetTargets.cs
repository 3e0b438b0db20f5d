using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;

namespace VillageReports.Targets;

public sealed class GetTargets(ApiRequest api, TargetService targets)
{
    [Function(nameof(GetTargets))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "towns/{town}/targets/{year}")] HttpRequest request,
        string town,
        string year,
        CancellationToken cancellationToken)
    {
        var caller = await api.CallerAsync(request, cancellationToken);
        var found = await targets.GetAsync(caller, town, year, cancellationToken);
        return ApiResults.From(found, t => ApiResults.Json(t));
    }
}
