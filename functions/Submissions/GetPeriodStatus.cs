using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;

namespace VillageReports.Submissions;

public sealed class GetPeriodStatus(ApiRequest api, SubmissionService submissions)
{
    [Function(nameof(GetPeriodStatus))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "towns/{town}/periods/{period}/status")] HttpRequest request,
        string town,
        string period,
        CancellationToken cancellationToken)
    {
        var caller = await api.CallerAsync(request, cancellationToken);
        var status = await submissions.StatusAsync(caller, town, period, cancellationToken);
        return ApiResults.From(status, s => ApiResults.Json(s));
    }
}
