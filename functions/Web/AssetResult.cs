using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace VillageReports.Web;

/// <summary>
/// Writes a web app file: compressed as the browser accepts, cached for a year when the request names its version
/// (the page always revalidates), 304 for a matching ETag, and the security headers every page of ours carries.
/// </summary>
public sealed class AssetResult(WebAsset asset) : IActionResult
{
    /// <summary>Only our own origin: no inline script, no CDN, no web font, no analytics (SPEC "Web app").</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; "
        + "manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var request = context.HttpContext.Request;
        var response = context.HttpContext.Response;
        var etag = $"\"{asset.Version}\"";
        var headers = response.Headers;
        headers.ContentType = asset.ContentType;
        headers.ETag = etag;
        headers.Vary = HeaderNames.AcceptEncoding;
        headers.CacheControl = !asset.IsPage && request.Query.ContainsKey("v") ? "public, max-age=31536000, immutable" : "no-cache";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";

        if (request.Headers.IfNoneMatch.ToString().Split(',', StringSplitOptions.TrimEntries).Contains(etag, StringComparer.Ordinal))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        var accepted = request.Headers.AcceptEncoding.ToString();
        var (body, encoding) = asset.Brotli is { } br && Accepts(accepted, "br") ? (br, "br")
            : asset.Gzip is { } gz && Accepts(accepted, "gzip") ? (gz, "gzip")
            : (asset.Plain, null);
        if (encoding is not null)
        {
            headers.ContentEncoding = encoding;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(request.Method))
        {
            await response.Body.WriteAsync(body, context.HttpContext.RequestAborted);
        }
    }

    private static bool Accepts(string header, string coding) =>
        header.Split(',', StringSplitOptions.TrimEntries).Any(part =>
            part.Split(';')[0].Trim().Equals(coding, StringComparison.OrdinalIgnoreCase) && !part.Replace(" ", "", StringComparison.Ordinal).EndsWith(";q=0", StringComparison.Ordinal));
}
