using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;

namespace VillageReports.Units;

public sealed class PutTown(ApiRequest api, UnitService units)
{
    [Function(nameof(PutTown))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "towns/{town}")] HttpRequest request,
        string town,
        CancellationToken cancellationToken)
    {
        var caller = await api.CallerAsync(request, cancellationToken);
        var body = await api.JsonBodyAsync(request, cancellationToken);
        if (body.Problem is { } problem)
        {
            return ApiResults.Problem(problem);
        }

        var saved = await units.PutTownAsync(caller, town, body.Value, cancellationToken);
        return ApiResults.From(saved, s => ApiResults.Json(TownView.From(s.Town), s.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK));
    }
}

public sealed record VillageView(string Code, string Name, bool Active);

public sealed record TownView(string Code, string Name, string County, IReadOnlyList<VillageView> Villages)
{
    public static TownView From(Town town) =>
        new(town.Code.Value, town.Name, town.County.Value, town.Villages.Select(v => new VillageView(v.Code.Value, v.Name, v.Active)).ToList());
}
