using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;

namespace VillageReports.Reports;

public sealed class ListReports(ApiRequest api, ReportService reports)
{
    [Function(nameof(ListReports))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "towns/{town}/reports")] HttpRequest request,
        string town,
        CancellationToken cancellationToken)
    {
        var caller = await api.CallerAsync(request, cancellationToken);
        var listing = await reports.ListAsync(caller, town, cancellationToken);
        return ApiResults.From(listing, l => ApiResults.Json(l));
    }
}
