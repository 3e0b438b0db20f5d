using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;
using VillageReports.Units;

namespace VillageReports.Spreadsheets;

public sealed class GetWorkbook(RequestScopes scopes, SpreadsheetService spreadsheets)
{
    [Function(nameof(GetWorkbook))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/towns/{town}/periods/{period}/workbook")] HttpRequest request,
        string town,
        string period,
        CancellationToken cancellationToken)
    {
        var scope = await scopes.TownAsync(request, town, Need.TownOffice, cancellationToken);
        var file = await scope.ThenAsync(s => spreadsheets.TemplateAsync(s, period, cancellationToken));
        return ApiResults.From(file, b => SpreadsheetFiles.Workbook(b, $"{town}-{period}-template.xlsx"));
    }
}
