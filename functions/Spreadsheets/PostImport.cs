using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using VillageReports.Api;
using VillageReports.Units;

namespace VillageReports.Spreadsheets;

public sealed class PostImport(RequestScopes scopes, ApiRequest api, ImportService imports)
{
    [Function(nameof(PostImport))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/towns/{town}/periods/{period}/imports")] HttpRequest request,
        string town,
        string period,
        CancellationToken cancellationToken)
    {
        var scope = await scopes.TownAsync(request, town, Need.TownOffice, cancellationToken);
        if (scope.Problem is { } refused)
        {
            return ApiResults.Problem(refused);
        }

        // A workbook needs far more than the app's JSON body limit, and only this route takes one.
        var upload = await SpreadsheetUpload.ReadAsync(request, api, cancellationToken);
        var summary = await upload.ThenAsync(u => imports.ImportAsync(scope.Value!, new ImportRequest(
            period, u, ApiRequest.Flag(request, "dryRun"), ApiRequest.Flag(request, "atomic"), request.Query["reason"].ToString()), cancellationToken));
        return ApiResults.From(summary, s => ApiResults.Json(s));
    }
}
