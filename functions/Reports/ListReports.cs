using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;
using VillageReports.Units;

namespace VillageReports.Reports;

public sealed class ListReports(RequestScopes scopes, ReportLibrary reports)
{
    [Function(nameof(ListReports))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/towns/{town}/reports")] HttpRequest request,
        string town,
        CancellationToken cancellationToken)
    {
        var scope = await scopes.TownAsync(request, town, Need.TownReader, cancellationToken);
        var listing = await scope.ThenAsync(s => reports.ListAsync(s, cancellationToken));
        return ApiResults.From(listing, l => ApiResults.Json(l));
    }
}
