using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;

namespace VillageReports.Units;

public sealed class IssueToken(RequestScopes scopes, UnitService units)
{
    [Function(nameof(IssueToken))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/units/{unit}/tokens")] HttpRequest request,
        string unit,
        CancellationToken cancellationToken)
    {
        var holder = await scopes.TokenHolderAsync(request, unit, cancellationToken);
        var issued = await holder.ThenAsync(u => units.IssueTokenAsync(u, cancellationToken));
        return ApiResults.From(issued, t => ApiResults.Json(t, StatusCodes.Status201Created));
    }
}
