using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;
using VillageReports.Units;

namespace VillageReports.Submissions;

public sealed class GetSubmission(RequestScopes scopes, SubmissionService submissions)
{
    [Function(nameof(GetSubmission))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/units/{unit}/submissions/{period}")] HttpRequest request,
        string unit,
        string period,
        CancellationToken cancellationToken)
    {
        var scope = await scopes.UnitAsync(request, unit, Need.UnitFigures, cancellationToken);
        var current = await scope.ThenAsync(s => submissions.GetAsync(s, period, cancellationToken));
        return ApiResults.From(current, s =>
        {
            request.HttpContext.Response.Headers.ETag = s.EntityTag;
            return ApiResults.Json(SubmissionView.From(s));
        });
    }
}
