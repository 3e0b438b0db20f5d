using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;
using VillageReports.Units;

namespace VillageReports.Catalog;

public sealed class GetCatalog(RequestScopes scopes, ElementCatalog catalog)
{
    [Function(nameof(GetCatalog))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/catalog")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var caller = await scopes.CallerAsync(request, cancellationToken);
        return ApiResults.From(caller, _ => ApiResults.Json(new { catalog.Sections, catalog.Elements, catalog.Indicators, catalog.Rules }));
    }
}
