namespace VillageReports.Common;

/// <summary>Why a request was refused, in domain terms; the API layer maps each kind to a status code.</summary>
public enum ProblemKind
{
    Invalid,
    Unauthenticated,
    Forbidden,
    NotFound,
    Conflict,
    PreconditionFailed,
    TooLarge,
    UnsupportedMediaType,
    RequestTimeout,
    Unavailable,
    Internal,
}

/// <summary>A refusal with a stable <see cref="Type"/> slug, a short title and, for validation, errors keyed by field.</summary>
public sealed record Problem(ProblemKind Kind, string Type, string Title, string? Detail = null, IReadOnlyDictionary<string, string[]>? Errors = null, TimeSpan? RetryAfter = null)
{
    public static Problem Invalid(string type, string title, IReadOnlyDictionary<string, string[]> errors) =>
        new(ProblemKind.Invalid, type, title, Errors: errors);

    public static Problem InvalidField(string field, string message) =>
        new(ProblemKind.Invalid, "invalid-route", "The address is not valid.", Errors: new Dictionary<string, string[]> { [field] = [message] });

    public static Problem Unauthenticated { get; } =
        new(ProblemKind.Unauthenticated, "unauthenticated", "A valid bearer token is required.");

    public static Problem Forbidden { get; } =
        new(ProblemKind.Forbidden, "forbidden", "This token may not act on this unit.");

    public static Problem StorageUnavailable(TimeSpan retryAfter) =>
        new(ProblemKind.Unavailable, "storage-unavailable", "Storage is unavailable right now; nothing is lost. Try again shortly.",
            "Retrying the same request is safe: an unchanged body makes no new revision.", RetryAfter: retryAfter);

    public static Problem NotFound(string what) =>
        new(ProblemKind.NotFound, "not-found", $"{what} was not found.");
}
