using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;

namespace VillageReports.Reports;

public sealed class DownloadReport(ApiRequest api, ReportService reports)
{
    [Function(nameof(DownloadReport))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "towns/{town}/reports/{kind}/{period}")] HttpRequest request,
        string town,
        string kind,
        string period,
        CancellationToken cancellationToken)
    {
        var caller = await api.CallerAsync(request, cancellationToken);
        var file = await reports.OpenAsync(caller, town, kind, period, request.Query["version"].ToString(), cancellationToken);
        return ApiResults.From(file, f =>
        {
            request.HttpContext.Response.Headers["X-Report-Version"] = f.Version.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            request.HttpContext.Response.Headers["X-Report-Sha256"] = f.Version.Sha256;
            return new FileStreamResult(f.Content, "application/pdf") { FileDownloadName = $"{f.Version.Town}-{f.Version.Kind}-{f.Version.Period}-v{f.Version.Version}.pdf" };
        });
    }
}
