using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;

namespace VillageReports.Submissions;

public sealed class PutSubmission(ApiRequest api, SubmissionService submissions)
{
    [Function(nameof(PutSubmission))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "units/{unit}/submissions/{period}")] HttpRequest request,
        string unit,
        string period,
        CancellationToken cancellationToken)
    {
        var caller = await api.CallerAsync(request, cancellationToken);
        var body = await api.JsonBodyAsync(request, cancellationToken);
        if (body.Problem is { } problem)
        {
            return ApiResults.Problem(problem);
        }

        var ifMatch = request.Headers.IfMatch.Count > 0 ? request.Headers.IfMatch.ToString() : null;
        var outcome = await submissions.PutAsync(caller, new PutRequest(unit, period, body.Value, ifMatch, ApiRequest.Flag(request, "dryRun")), cancellationToken);
        return ApiResults.From(outcome, o =>
        {
            request.HttpContext.Response.Headers.ETag = o.Submission.EntityTag;
            return ApiResults.Json(PutView.From(o), o.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
        });
    }
}
