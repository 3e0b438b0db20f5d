using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;
using VillageReports.Units;

namespace VillageReports.Reports;

public sealed class DownloadReport(RequestScopes scopes, ReportLibrary reports)
{
    [Function(nameof(DownloadReport))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/towns/{town}/reports/{kind}/{period}")] HttpRequest request,
        string town,
        string kind,
        string period,
        CancellationToken cancellationToken)
    {
        var scope = await scopes.TownAsync(request, town, Need.TownReader, cancellationToken);
        var file = await scope.ThenAsync(s => reports.OpenAsync(s, kind, period, request.Query["version"].ToString(), cancellationToken));
        return ApiResults.From(file, f =>
        {
            var v = f.Version;
            request.HttpContext.Response.Headers["X-Report-Version"] = v.Version.ToString(CultureInfo.InvariantCulture);
            request.HttpContext.Response.Headers["X-Report-Sha256"] = v.Sha256;
            return new FileStreamResult(f.Content, "application/pdf") { FileDownloadName = $"{v.Town}-{v.Kind.Name()}-{v.Report}-v{v.Version}.pdf" };
        });
    }
}
