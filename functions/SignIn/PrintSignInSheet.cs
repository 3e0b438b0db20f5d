using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VillageReports.Api;
using VillageReports.Units;

namespace VillageReports.SignIn;

public sealed class PrintSignInSheet(RequestScopes scopes, SignInSheets sheets)
{
    /// <summary>POST, not GET: printing issues fresh tokens, and a link or a prefetch must never do that.</summary>
    [Function(nameof(PrintSignInSheet))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/towns/{town}/signin-sheet")] HttpRequest request,
        string town,
        CancellationToken cancellationToken)
    {
        var scope = await scopes.TownAsync(request, town, Need.TownOffice, cancellationToken);
        var pdf = await scope.ThenAsync(s => sheets.IssueAsync(s, $"{request.Scheme}://{request.Host}", cancellationToken));
        return ApiResults.From(pdf, bytes =>
        {
            request.HttpContext.Response.Headers.CacheControl = "no-store";
            return new FileContentResult(bytes, "application/pdf") { FileDownloadName = $"{town}-signin-sheet.pdf" };
        });
    }
}
