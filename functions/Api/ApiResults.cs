using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace VillageReports.Api;

/// <summary>Maps domain outcomes to HTTP: problems become RFC 9457 problem details with a stable type.</summary>
public static class ApiResults
{
    public const string ProblemTypeBase = "urn:village-reports:problem:";

    public static IActionResult Problem(Problem problem)
    {
        var status = problem.Kind switch
        {
            ProblemKind.Invalid => StatusCodes.Status400BadRequest,
            ProblemKind.Unauthenticated => StatusCodes.Status401Unauthorized,
            ProblemKind.Forbidden => StatusCodes.Status403Forbidden,
            ProblemKind.NotFound => StatusCodes.Status404NotFound,
            ProblemKind.RequestTimeout => StatusCodes.Status408RequestTimeout,
            ProblemKind.Conflict => StatusCodes.Status409Conflict,
            ProblemKind.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
            ProblemKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
            ProblemKind.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
            ProblemKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
            ProblemKind.Internal => StatusCodes.Status500InternalServerError,
            _ => StatusCodes.Status400BadRequest,
        };

        ProblemDetails details = problem.Errors is { } errors
            ? new ValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal))
            : new ProblemDetails();
        details.Type = ProblemTypeBase + problem.Type;
        details.Title = problem.Title;
        details.Detail = problem.Detail;
        details.Status = status;

        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        if (problem.Kind == ProblemKind.Unauthenticated)
        {
            // RFC 6750 §3: a 401 names the scheme the client should use.
            headers["WWW-Authenticate"] = "Bearer";
        }

        if (problem.RetryAfter is { } retryAfter)
        {
            headers["Retry-After"] = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return new ProblemResult(details, headers) { StatusCode = status, ContentTypes = { "application/problem+json" } };
    }

    public static IActionResult From<T>(Result<T> result, Func<T, IActionResult> onSuccess) =>
        result.Problem is { } problem ? Problem(problem) : onSuccess(result.Value!);

    public static IActionResult Json(object value, int status = StatusCodes.Status200OK) =>
        new ObjectResult(value) { StatusCode = status };

    /// <summary>A problem with the headers its status calls for, written as the response starts.</summary>
    private sealed class ProblemResult(ProblemDetails details, IReadOnlyDictionary<string, string> headers) : ObjectResult(details)
    {
        public override Task ExecuteResultAsync(ActionContext context)
        {
            foreach (var (name, value) in headers)
            {
                context.HttpContext.Response.Headers[name] = value;
            }

            return base.ExecuteResultAsync(context);
        }
    }
}
