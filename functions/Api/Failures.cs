using System.Net.Sockets;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace VillageReports.Api;

/// <summary>
/// What an exception that escaped a function answers, in one place for the Functions host (worker middleware) and the
/// local runner alike: storage that cannot be reached is a 503 with <c>Retry-After</c>; anything else a 500 problem.
/// Never a bare 500 with an empty body.
/// </summary>
public static partial class Failures
{
    /// <summary>How long a client should wait before it retries after a storage outage.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(10);

    public static IActionResult ToResult(Exception exception, ILogger logger)
    {
        if (IsStorageUnavailable(exception))
        {
            LogStorageUnavailable(logger, exception.GetType().Name, exception.Message);
            return ApiResults.Problem(Problem.StorageUnavailable(RetryAfter));
        }

        LogUnexpected(logger, exception);
        return ApiResults.Problem(new Problem(ProblemKind.Internal, "internal", "Something went wrong on our side; nothing was changed by this request unless a retry says so."));
    }

    /// <summary>
    /// Storage down or too slow: no answer at all, a timeout, or a 5xx/408/429 from the service after the SDK's own
    /// retries. A 4xx that is the app's own doing (a conflict, a precondition) is a bug, not an outage.
    /// </summary>
    public static bool IsStorageUnavailable(Exception exception) => exception switch
    {
        StorageUnavailableException => true,
        RequestFailedException rf => rf.Status is 0 or 408 or 429 or >= 500 || rf.InnerException is not null && IsStorageUnavailable(rf.InnerException),
        HttpRequestException or SocketException or IOException or TimeoutException => true,
        OperationCanceledException oc => oc.InnerException is TimeoutException,
        AggregateException ag => ag.InnerExceptions.Count > 0 && ag.InnerExceptions.All(IsStorageUnavailable),
        _ => exception.InnerException is { } inner && IsStorageUnavailable(inner),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage unavailable, answered 503: {Error}: {Message}")]
    private static partial void LogStorageUnavailable(ILogger logger, string error, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure, answered 500")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);
}
