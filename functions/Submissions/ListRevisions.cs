using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;

namespace VillageReports.Submissions;

public sealed class ListRevisions(ApiRequest api, SubmissionService submissions)
{
    [Function(nameof(ListRevisions))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "units/{unit}/submissions/{period}/revisions")] HttpRequest request,
        string unit,
        string period,
        CancellationToken cancellationToken)
    {
        var caller = await api.CallerAsync(request, cancellationToken);
        var revisions = await submissions.RevisionsAsync(caller, unit, period, cancellationToken);
        return ApiResults.From(revisions, list => ApiResults.Json(new { unit, period, revisions = list.Select(SubmissionView.From) }));
    }
}
