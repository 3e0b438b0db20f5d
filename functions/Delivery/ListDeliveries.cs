using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;
using VillageReports.Units;

namespace VillageReports.Delivery;

public sealed class ListDeliveries(RequestScopes scopes, DeliveryService deliveries)
{
    [Function(nameof(ListDeliveries))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/towns/{town}/deliveries")] HttpRequest request,
        string town,
        CancellationToken cancellationToken)
    {
        var scope = await scopes.TownAsync(request, town, Need.TownReader, cancellationToken);
        var list = await scope.ThenAsync(s => deliveries.ListAsync(s, cancellationToken));
        return ApiResults.From(list, l => ApiResults.Json(new { town, deliveries = l }));
    }
}
