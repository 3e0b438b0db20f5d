using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;

namespace VillageReports.Units;

public sealed class RevokeTokens(RequestScopes scopes, UnitService units)
{
    [Function(nameof(RevokeTokens))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/units/{unit}/tokens")] HttpRequest request,
        string unit,
        CancellationToken cancellationToken)
    {
        var holder = await scopes.TokenHolderAsync(request, unit, cancellationToken);
        var revoked = await holder.ThenAsync(u => units.RevokeTokensAsync(u, cancellationToken));
        return ApiResults.From(revoked, r => ApiResults.Json(r));
    }
}
