using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;

namespace VillageReports.Delivery;

public sealed class ListDeliveries(ApiRequest api, DeliveryService deliveries)
{
    [Function(nameof(ListDeliveries))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "towns/{town}/deliveries")] HttpRequest request,
        string town,
        CancellationToken cancellationToken)
    {
        var caller = await api.CallerAsync(request, cancellationToken);
        var list = await deliveries.ListAsync(caller, town, cancellationToken);
        return ApiResults.From(list, l => ApiResults.Json(new { town, deliveries = l }));
    }
}
