using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace VillageReports.Api;

public sealed class UnknownRoute
{
    /// <summary>
    /// An api/ address outside every resource the API has: a problem+json 404 instead of an empty body. The constraint
    /// leaves towns/, units/, catalog and health alone, so this catch-all can never shadow a real route, whatever order
    /// the host matches routes in (an unknown address under those answers the host's own empty 404).
    /// </summary>
    [Function(nameof(UnknownRoute))]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "delete", "patch", "head", "options", Route = "api/{*path:regex(^(?!(towns|units|catalog|health)(/|$)).*$)}")] HttpRequest request,
        string? path) =>
        ApiResults.Problem(new Problem(ProblemKind.NotFound, "unknown-route", "There is nothing at this address.", $"{request.Method} /api/{path} is not part of the API."));
}
