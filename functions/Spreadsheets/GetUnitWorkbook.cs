using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;
using VillageReports.Units;

namespace VillageReports.Spreadsheets;

public sealed class GetUnitWorkbook(RequestScopes scopes, SpreadsheetService spreadsheets)
{
    [Function(nameof(GetUnitWorkbook))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/units/{unit}/submissions/{period}/workbook")] HttpRequest request,
        string unit,
        string period,
        CancellationToken cancellationToken)
    {
        var scope = await scopes.UnitAsync(request, unit, Need.UnitFigures, cancellationToken);
        var file = await scope.ThenAsync(s => spreadsheets.UnitTemplateAsync(s, period, cancellationToken));
        return ApiResults.From(file, b => SpreadsheetFiles.Workbook(b, $"{unit}-{period}.xlsx"));
    }
}
