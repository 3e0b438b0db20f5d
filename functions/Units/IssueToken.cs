using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;

namespace VillageReports.Units;

public sealed class IssueToken(ApiRequest api, UnitService units)
{
    [Function(nameof(IssueToken))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "units/{unit}/tokens")] HttpRequest request,
        string unit,
        CancellationToken cancellationToken)
    {
        var caller = await api.CallerAsync(request, cancellationToken);
        var issued = await units.IssueTokenAsync(caller, unit, cancellationToken);
        return ApiResults.From(issued, t => ApiResults.Json(t, StatusCodes.Status201Created));
    }
}
