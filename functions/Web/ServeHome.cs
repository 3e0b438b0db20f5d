using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace VillageReports.Web;

public sealed class ServeHome(WebAssets assets)
{
    /// <summary>
    /// The app's page at the root address: ServeWebApp's constrained catch-all has no value to test there, and a
    /// route constraint refuses a missing value, so the root needs a route of its own (empty, with the empty prefix).
    /// </summary>
    [Function(nameof(ServeHome))]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "")] HttpRequest request) =>
        assets.Find(WebAssets.Index) is { } page ? new AssetResult(page) : new NotFoundResult();
}
