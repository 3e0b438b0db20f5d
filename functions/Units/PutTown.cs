using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;

namespace VillageReports.Units;

public sealed class PutTown(RequestScopes scopes, ApiRequest api, UnitService units)
{
    [Function(nameof(PutTown))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/towns/{town}")] HttpRequest request,
        string town,
        CancellationToken cancellationToken)
    {
        var code = await scopes.NewTownAsync(request, town, cancellationToken);
        if (code.Problem is { } refused)
        {
            return ApiResults.Problem(refused);
        }

        var body = await api.JsonBodyAsync(request, cancellationToken);
        if (body.Problem is { } problem)
        {
            return ApiResults.Problem(problem);
        }

        var saved = await units.PutTownAsync(code.Value, body.Value, cancellationToken);
        return ApiResults.From(saved, s => ApiResults.Json(TownView.From(s.Town), s.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK));
    }
}
