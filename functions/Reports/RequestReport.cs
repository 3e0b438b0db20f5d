using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;
using VillageReports.Units;

namespace VillageReports.Reports;

public sealed class RequestReport(RequestScopes scopes, ReportRequests reports)
{
    [Function(nameof(RequestReport))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/towns/{town}/reports/{kind}/{period}")] HttpRequest request,
        string town,
        string kind,
        string period,
        CancellationToken cancellationToken)
    {
        var scope = await scopes.TownAsync(request, town, Need.TownOffice, cancellationToken);
        var queued = await scope.ThenAsync(s => reports.RequestAsync(s, kind, period, cancellationToken));
        // Location: where the report will be, once assembled (404 until then); GET …/reports lists its versions.
        return ApiResults.From(queued, job => new AcceptedResult($"/api/towns/{job.Town}/reports/{job.Kind}/{job.Period}", new { job.Town, job.Kind, job.Period, status = "queued" }));
    }
}
