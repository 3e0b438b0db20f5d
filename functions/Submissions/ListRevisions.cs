using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;
using VillageReports.Units;

namespace VillageReports.Submissions;

public sealed class ListRevisions(RequestScopes scopes, SubmissionService submissions)
{
    [Function(nameof(ListRevisions))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/units/{unit}/submissions/{period}/revisions")] HttpRequest request,
        string unit,
        string period,
        CancellationToken cancellationToken)
    {
        var scope = await scopes.UnitAsync(request, unit, Need.UnitFigures, cancellationToken);
        var revisions = await scope.ThenAsync(s => submissions.RevisionsAsync(s, period, cancellationToken));
        return ApiResults.From(revisions, list => ApiResults.Json(new { unit, period, revisions = list.Select(SubmissionView.From) }));
    }
}
