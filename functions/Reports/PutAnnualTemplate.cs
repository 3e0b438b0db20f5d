using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;

namespace VillageReports.Reports;

public sealed class PutAnnualTemplate(ApiRequest api, ReportService reports)
{
    [Function(nameof(PutAnnualTemplate))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "towns/{town}/templates/annual")] HttpRequest request,
        string town,
        CancellationToken cancellationToken)
    {
        var caller = await api.CallerAsync(request, cancellationToken);
        var body = await api.TextBodyAsync(request, cancellationToken);
        if (body.Problem is { } problem)
        {
            return ApiResults.Problem(problem);
        }

        var saved = await reports.PutAnnualTemplateAsync(caller, town, body.Value!, cancellationToken);
        return ApiResults.From(saved, _ => new NoContentResult());
    }
}
