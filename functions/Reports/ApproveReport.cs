using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;
using VillageReports.Units;

namespace VillageReports.Reports;

public sealed class ApproveReport(RequestScopes scopes, ApiRequest api, ApprovalService approvals)
{
    /// <summary>审核通过: body optional, <c>{ "comment" }</c>.</summary>
    [Function(nameof(ApproveReport))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/towns/{town}/approvals/{kind}/{period}")] HttpRequest request,
        string town,
        string kind,
        string period,
        CancellationToken cancellationToken)
    {
        var scope = await scopes.TownAsync(request, town, Need.TownOffice, cancellationToken);
        if (scope.Problem is { } refused)
        {
            return ApiResults.Problem(refused);
        }

        var body = await api.OptionalJsonBodyAsync(request, cancellationToken);
        var approved = await body.ThenAsync(b => approvals.ApproveAsync(scope.Value!, kind, period, b, cancellationToken));
        return ApiResults.From(approved, a => ApiResults.Json(ApprovalView.From(a)));
    }
}
