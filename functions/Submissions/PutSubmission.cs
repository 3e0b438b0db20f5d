using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;
using VillageReports.Units;

namespace VillageReports.Submissions;

public sealed class PutSubmission(RequestScopes scopes, ApiRequest api, SubmissionService submissions)
{
    [Function(nameof(PutSubmission))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/units/{unit}/submissions/{period}")] HttpRequest request,
        string unit,
        string period,
        CancellationToken cancellationToken)
    {
        var scope = await scopes.UnitAsync(request, unit, Need.UnitFigures, cancellationToken);
        if (scope.Problem is { } refused)
        {
            return ApiResults.Problem(refused);
        }

        var body = await api.JsonBodyAsync(request, cancellationToken);
        var ifMatch = request.Headers.IfMatch.Count > 0 ? request.Headers.IfMatch.ToString() : null;
        var outcome = await body.ThenAsync(b => submissions.PutAsync(scope.Value!, new PutRequest(period, b, ifMatch, ApiRequest.Flag(request, "dryRun")), cancellationToken));
        return ApiResults.From(outcome, o =>
        {
            if (o.Stored)
            {
                request.HttpContext.Response.Headers.ETag = o.Submission.EntityTag;
            }

            return ApiResults.Json(PutView.From(o), o.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
        });
    }
}
