using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;

namespace VillageReports.Units;

public sealed class GetTown(RequestScopes scopes)
{
    [Function(nameof(GetTown))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/towns/{town}")] HttpRequest request,
        string town,
        CancellationToken cancellationToken)
    {
        var scope = await scopes.TownAsync(request, town, Need.TownReader, cancellationToken);
        return ApiResults.From(scope, s => ApiResults.Json(TownView.From(s.Town)));
    }
}
