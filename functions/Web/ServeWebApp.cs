using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace VillageReports.Web;

public sealed class ServeWebApp(WebAssets assets)
{
    /// <summary>
    /// The web app, from the same origin as the API (the host's route prefix is empty). The constraint keeps every
    /// api/ address out of this catch-all whatever order the host matches routes in: it never shadows the API.
    /// </summary>
    [Function(nameof(ServeWebApp))]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "{*path:regex(^(?!api(/|$)).*$)}")] HttpRequest request,
        string? path) =>
        assets.Find(path) is { } asset ? new AssetResult(asset) : new NotFoundResult();
}
