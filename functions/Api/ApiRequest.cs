using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace VillageReports.Api;

/// <summary>A request's body and flags, read within bounds; the caller and its scope come from <see cref="RequestScopes"/>.</summary>
public sealed class ApiRequest(IOptions<VillageReportsOptions> options)
{
    /// <summary>The body, if it is JSON and no larger than the limit; read with a cap, so an oversized body is never buffered whole.</summary>
    public Task<Result<ReadOnlyMemory<byte>>> JsonBodyAsync(HttpRequest request, CancellationToken cancellationToken) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
            ? BodyAsync(request, cancellationToken)
            : Task.FromResult<Result<ReadOnlyMemory<byte>>>(new Problem(ProblemKind.UnsupportedMediaType, "unsupported-media-type", "The body must be JSON (Content-Type: application/json)."));

    /// <summary>A JSON body that may be left out (no Content-Length, or 0): empty then.</summary>
    public Task<Result<ReadOnlyMemory<byte>>> OptionalJsonBodyAsync(HttpRequest request, CancellationToken cancellationToken) =>
        request.ContentLength is null or 0 && !request.Headers.TransferEncoding.Any(v => v?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true)
            ? Task.FromResult<Result<ReadOnlyMemory<byte>>>(ReadOnlyMemory<byte>.Empty)
            : JsonBodyAsync(request, cancellationToken);

    /// <summary>A plain-text body (a template), UTF-8, within the same limit.</summary>
    public async Task<Result<string>> TextBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            return new Problem(ProblemKind.UnsupportedMediaType, "unsupported-media-type", "The body must be text (Content-Type: text/plain; charset=utf-8).");
        }

        var body = await BodyAsync(request, cancellationToken);
        return body.Problem is { } problem ? problem : System.Text.Encoding.UTF8.GetString(body.Value.Span);
    }

    private async Task<Result<ReadOnlyMemory<byte>>> BodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await CappedBodyAsync(request, options.Value.MaxBodyBytes, cancellationToken);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        // Windows tools often start UTF-8 with a byte-order mark; it is not part of the JSON or the text.
        var bytes = body.Value;
        return bytes.Span.StartsWith(Utf8ByteOrderMark) ? bytes[Utf8ByteOrderMark.Length..] : bytes;
    }

    /// <summary>
    /// The raw body, read with a cap (an oversized body is never buffered whole) and a time limit (a stalled one is a
    /// 408): the one place a request body is read. A route that takes files passes its own, larger cap.
    /// </summary>
    public async Task<Result<ReadOnlyMemory<byte>>> CappedBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return TooLarge(limit);
        }

        // The server's own cap matches the app's JSON limit; a route with a larger one raises it for this request.
        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } server && server.MaxRequestBodySize < limit + 1L)
        {
            server.MaxRequestBodySize = limit + 1L;
        }

        // Sized to the declared length (the server never reads past it); a chunked body gets the limit and one byte
        // more, which is how an oversized one is told.
        var buffer = new byte[(int)Math.Min(limit, request.ContentLength ?? limit) + 1];
        var length = 0;
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(options.Value.BodyReadTimeout);
        try
        {
            int read;
            while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), patience.Token)) > 0)
            {
                length += read;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return TooSlow();
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status408RequestTimeout)
        {
            // The server's minimum data rate cut a trickling body off.
            return TooSlow();
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(limit);
        }

        return length > limit ? TooLarge(limit) : new ReadOnlyMemory<byte>(buffer, 0, length);
    }

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    public static bool Flag(HttpRequest request, string name) =>
        bool.TryParse(request.Query[name].ToString(), out var value) && value;

    private static Problem TooSlow() =>
        new(ProblemKind.RequestTimeout, "request-timeout", "The body arrived too slowly.", "Send the request again; nothing was stored.");

    private static Problem TooLarge(int limit) =>
        new(ProblemKind.TooLarge, "body-too-large", limit >= 1024 * 1024 ? $"The body may be at most {limit / (1024 * 1024)} MiB." : $"The body may be at most {limit / 1024} KiB.");
}
