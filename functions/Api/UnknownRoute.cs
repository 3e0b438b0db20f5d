using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace VillageReports.Api;

public sealed class UnknownRoute
{
    /// <summary>
    /// Every address no other function claims: a problem+json 404 instead of an empty body. A catch-all template has
    /// the lowest precedence in ASP.NET Core routing, which the Functions host and the local runner both use.
    /// </summary>
    [Function(nameof(UnknownRoute))]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "delete", "patch", "head", "options", Route = "api/{*path}")] HttpRequest request,
        string? path) =>
        ApiResults.Problem(new Problem(ProblemKind.NotFound, "unknown-route", "There is nothing at this address.", $"{request.Method} /api/{path} is not part of the API."));
}
