using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;
using VillageReports.Common;

namespace VillageReports.Catalog;

public sealed class GetCatalog(ApiRequest api, ElementCatalog catalog)
{
    [Function(nameof(GetCatalog))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "catalog")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var caller = await api.CallerAsync(request, cancellationToken);
        return caller.IsKnown
            ? ApiResults.Json(new { catalog.Sections, catalog.Elements, catalog.Indicators, catalog.Rules })
            : ApiResults.Problem(Problem.Unauthenticated);
    }
}
