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
            ProblemKind.Conflict => StatusCodes.Status409Conflict,
            ProblemKind.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
            ProblemKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
            ProblemKind.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
            _ => StatusCodes.Status400BadRequest,
        };

        ProblemDetails details = problem.Errors is { } errors
            ? new ValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal))
            : new ProblemDetails();
        details.Type = ProblemTypeBase + problem.Type;
        details.Title = problem.Title;
        details.Detail = problem.Detail;
        details.Status = status;

        return new ObjectResult(details) { StatusCode = status, ContentTypes = { "application/problem+json" } };
    }

    public static IActionResult From<T>(Result<T> result, Func<T, IActionResult> onSuccess) =>
        result.Problem is { } problem ? Problem(problem) : onSuccess(result.Value!);

    public static IActionResult Json(object value, int status = StatusCodes.Status200OK) =>
        new ObjectResult(value) { StatusCode = status };
}
