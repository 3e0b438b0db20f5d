using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;

namespace VillageReports.Units;

public sealed class RevokeTokens(ApiRequest api, UnitService units)
{
    [Function(nameof(RevokeTokens))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "units/{unit}/tokens")] HttpRequest request,
        string unit,
        CancellationToken cancellationToken)
    {
        var caller = await api.CallerAsync(request, cancellationToken);
        var revoked = await units.RevokeTokensAsync(caller, unit, cancellationToken);
        return ApiResults.From(revoked, r => ApiResults.Json(r));
    }
}
