using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;

namespace VillageReports.Reports;

public sealed class RequestReport(ApiRequest api, ReportService reports)
{
    [Function(nameof(RequestReport))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "towns/{town}/reports/{kind}/{period}")] HttpRequest request,
        string town,
        string kind,
        string period,
        CancellationToken cancellationToken)
    {
        var caller = await api.CallerAsync(request, cancellationToken);
        var queued = await reports.RequestAsync(caller, town, kind, period, cancellationToken);
        return ApiResults.From(queued, job => ApiResults.Json(new { job.Town, job.Kind, job.Period, status = "queued" }, StatusCodes.Status202Accepted));
    }
}
