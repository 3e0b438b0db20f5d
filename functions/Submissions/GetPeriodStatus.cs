using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;
using VillageReports.Units;

namespace VillageReports.Submissions;

public sealed class GetPeriodStatus(RequestScopes scopes, PeriodStatusService statuses)
{
    [Function(nameof(GetPeriodStatus))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/towns/{town}/periods/{period}/status")] HttpRequest request,
        string town,
        string period,
        CancellationToken cancellationToken)
    {
        var scope = await scopes.TownAsync(request, town, Need.TownReader, cancellationToken);
        var status = await scope.ThenAsync(s => statuses.StatusAsync(s, period, cancellationToken));
        return ApiResults.From(status, s => ApiResults.Json(s));
    }
}
