using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;

namespace VillageReports.Units;

public sealed class GetTown(ApiRequest api, UnitService units)
{
    [Function(nameof(GetTown))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "towns/{town}")] HttpRequest request,
        string town,
        CancellationToken cancellationToken)
    {
        var caller = await api.CallerAsync(request, cancellationToken);
        var found = await units.GetTownAsync(caller, town, cancellationToken);
        return ApiResults.From(found, t => ApiResults.Json(TownView.From(t)));
    }
}
