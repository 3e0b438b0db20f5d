using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace VillageReports.Web;

public sealed class ServeWebApp(WebAssets assets)
{
    /// <summary>
    /// The web app, from the same origin as the API (the host's route prefix is empty; every API route starts with
    /// api/, which outranks this catch-all, as does api/{*path} for unknown API addresses).
    /// </summary>
    [Function(nameof(ServeWebApp))]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "{*path}")] HttpRequest request,
        string? path) =>
        assets.Find(path) is { } asset ? new AssetResult(asset) : new NotFoundResult();
}
