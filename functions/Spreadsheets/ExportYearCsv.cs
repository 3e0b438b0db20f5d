using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;
using VillageReports.Units;

namespace VillageReports.Spreadsheets;

public sealed class ExportYearCsv(RequestScopes scopes, SpreadsheetService spreadsheets)
{
    [Function(nameof(ExportYearCsv))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/towns/{town}/years/{year}/export.csv")] HttpRequest request,
        string town,
        string year,
        CancellationToken cancellationToken)
    {
        var scope = await scopes.TownAsync(request, town, Need.TownReader, cancellationToken);
        var file = await scope.ThenAsync(s => spreadsheets.YearTableAsync(s, year, cancellationToken));
        return ApiResults.From(file, SpreadsheetFiles.Csv);
    }
}
