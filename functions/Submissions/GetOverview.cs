using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;
using VillageReports.Units;

namespace VillageReports.Submissions;

public sealed class GetOverview(RequestScopes scopes, PeriodStatusService statuses)
{
    [Function(nameof(GetOverview))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/towns/{town}/overview")] HttpRequest request,
        string town,
        CancellationToken cancellationToken)
    {
        var scope = await scopes.TownAsync(request, town, Need.TownReader, cancellationToken);
        var overview = await scope.ThenAsync(s => statuses.OverviewAsync(s, request.Query["through"].ToString(), request.Query["months"].ToString(), cancellationToken));
        return ApiResults.From(overview, o => ApiResults.Json(o));
    }
}
