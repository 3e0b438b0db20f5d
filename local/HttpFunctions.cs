using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;

namespace VillageReports.Local;

/// <summary>Serves every HTTP-triggered function under <c>/api</c>, on the routes and methods its attribute declares.</summary>
public static class HttpFunctions
{
    public static void MapFunctions(this WebApplication app, IEnumerable<FunctionEntry> functions)
    {
        foreach (var function in functions.Where(f => f.Trigger == TriggerKind.Http))
        {
            var trigger = function.Http;
            var route = "/api/" + (trigger.Route ?? function.Name);
            var methods = (trigger.Methods ?? ["get", "post"]).Select(m => m.ToUpperInvariant()).ToArray();
            app.MapMethods(route, methods, context => HandleAsync(function, context)).WithName(function.Name);
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
