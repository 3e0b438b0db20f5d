using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;

namespace VillageReports.Targets;

public sealed class PutTargets(ApiRequest api, TargetService targets)
{
    [Function(nameof(PutTargets))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "towns/{town}/targets/{year}")] HttpRequest request,
        string town,
        string year,
        CancellationToken cancellationToken)
    {
        var caller = await api.CallerAsync(request, cancellationToken);
        var body = await api.JsonBodyAsync(request, cancellationToken);
        if (body.Problem is { } problem)
        {
            return ApiResults.Problem(problem);
        }

        var saved = await targets.PutAsync(caller, town, year, body.Value, cancellationToken);
        return ApiResults.From(saved, t => ApiResults.Json(t));
    }
}
