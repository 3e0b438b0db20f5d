using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;

namespace VillageReports.Submissions;

public sealed class GetSubmission(ApiRequest api, SubmissionService submissions)
{
    [Function(nameof(GetSubmission))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "units/{unit}/submissions/{period}")] HttpRequest request,
        string unit,
        string period,
        CancellationToken cancellationToken)
    {
        var caller = await api.CallerAsync(request, cancellationToken);
        var current = await submissions.GetAsync(caller, unit, period, cancellationToken);
        return ApiResults.From(current, s =>
        {
            request.HttpContext.Response.Headers.ETag = s.EntityTag;
            return ApiResults.Json(SubmissionView.From(s));
        });
    }
}
