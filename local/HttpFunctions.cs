using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;

namespace VillageReports.Local;

/// <summary>Serves every HTTP-triggered function under host.json's route prefix, on the routes and methods its attribute declares.</summary>
public static class HttpFunctions
{
    public static void MapFunctions(this WebApplication app, IEnumerable<FunctionEntry> functions, string routePrefix)
    {
        var prefix = routePrefix.Trim('/') is { Length: > 0 } trimmed ? "/" + trimmed + "/" : "/";

        var routes = functions
            .Where(f => f.Trigger == TriggerKind.Http)
            .GroupBy(f => f.Http.Route ?? f.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var route in routes)
        {
            var byMethod = route
                .SelectMany(f => (f.Http.Methods ?? ["get", "post"]).Select(m => (Method: m.ToUpperInvariant(), Function: f)))
                .ToDictionary(x => x.Method, x => x.Function, StringComparer.OrdinalIgnoreCase);

            // One endpoint per route, choosing the function by method here rather than by routing: ASP.NET Core answers
            // 405 for a known route and another method, but the Functions host answers 404 with an empty body
            // (Azure/azure-functions-host#10098, Azure/azure-functions-dotnet-worker#2452; HEAD on a GET-only route
            // too, Azure/azure-functions-host#11625). Clients written against the local runner must see what Azure says.
            app.Map(prefix + route.Key, context =>
            {
                if (byMethod.TryGetValue(context.Request.Method, out var function))
                {
                    return HandleAsync(function, context);
                }

                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
        }
    }

    private static async Task HandleAsync(FunctionEntry function, HttpContext context)
    {
        object? result;
        try
        {
            result = await FunctionInvoker.InvokeAsync(function, context.RequestServices, parameter =>
                parameter.ParameterType == typeof(HttpRequest) ? context.Request
                : parameter.ParameterType == typeof(CancellationToken) ? context.RequestAborted
                : parameter.ParameterType == typeof(string) ? context.GetRouteValue(parameter.Name!)?.ToString()
                : throw new InvalidOperationException($"{function.Name}: the local runner cannot bind parameter '{parameter.Name}' of type {parameter.ParameterType.Name}."));
        }
        catch (Exception ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            // As FailureMiddleware does in the Functions host: one mapping of escaped exceptions for both.
            result = VillageReports.Api.Failures.ToResult(ex, context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(function.Name));
        }

        if (result is IActionResult action)
        {
            await action.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
        }
    }
}
