using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;
using VillageReports.Units;

namespace VillageReports.Submissions;

public sealed class GetForm(RequestScopes scopes, SubmissionService submissions)
{
    [Function(nameof(GetForm))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/units/{unit}/form/{period}")] HttpRequest request,
        string unit,
        string period,
        CancellationToken cancellationToken)
    {
        var scope = await scopes.UnitAsync(request, unit, Need.UnitFigures, cancellationToken);
        var form = await scope.ThenAsync(s => submissions.FormAsync(s, period, cancellationToken));
        return ApiResults.From(form, f =>
        {
            if (f.Current is { } current)
            {
                request.HttpContext.Response.Headers.ETag = $"\"{current.Revision}\"";
            }

            return ApiResults.Json(f);
        });
    }
}
