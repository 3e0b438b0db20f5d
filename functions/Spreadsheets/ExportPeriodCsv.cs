using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;
using VillageReports.Units;

namespace VillageReports.Spreadsheets;

public sealed class ExportPeriodCsv(RequestScopes scopes, SpreadsheetService spreadsheets)
{
    [Function(nameof(ExportPeriodCsv))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/towns/{town}/periods/{period}/export.csv")] HttpRequest request,
        string town,
        string period,
        CancellationToken cancellationToken)
    {
        var scope = await scopes.TownAsync(request, town, Need.TownReader, cancellationToken);
        var file = await scope.ThenAsync(s => spreadsheets.PeriodTableAsync(s, period, cancellationToken));
        return ApiResults.From(file, SpreadsheetFiles.Csv);
    }
}
