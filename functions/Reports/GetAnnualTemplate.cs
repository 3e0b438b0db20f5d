using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;

namespace VillageReports.Reports;

public sealed class GetAnnualTemplate(ApiRequest api, ReportService reports)
{
    [Function(nameof(GetAnnualTemplate))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "towns/{town}/templates/annual")] HttpRequest request,
        string town,
        CancellationToken cancellationToken)
    {
        var caller = await api.CallerAsync(request, cancellationToken);
        var template = await reports.GetAnnualTemplateAsync(caller, town, cancellationToken);
        return ApiResults.From(template, text => new ContentResult { Content = text, ContentType = "text/plain; charset=utf-8", StatusCode = StatusCodes.Status200OK });
    }
}
