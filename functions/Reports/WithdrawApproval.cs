using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;
using VillageReports.Units;

namespace VillageReports.Reports;

public sealed class WithdrawApproval(RequestScopes scopes, ApiRequest api, ApprovalService approvals)
{
    /// <summary>Withdraws an approval before the version went to the county: body <c>{ "reason" }</c>.</summary>
    [Function(nameof(WithdrawApproval))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/towns/{town}/approvals/{kind}/{period}")] HttpRequest request,
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
        var withdrawn = await body.ThenAsync(b => approvals.WithdrawAsync(scope.Value!, kind, period, b, cancellationToken));
        return ApiResults.From(withdrawn, a => ApiResults.Json(ApprovalView.From(a)));
    }
}
