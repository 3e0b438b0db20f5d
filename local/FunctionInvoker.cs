using System.Reflection;
using System.Text.Json;

namespace VillageReports.Local;

/// <summary>Creates the function class from the container and calls its method, as the worker does.</summary>
public static class FunctionInvoker
{
    public static async Task<object?> InvokeAsync(FunctionEntry function, IServiceProvider services, Func<ParameterInfo, object?> bind)
    {
        var instance = ActivatorUtilities.CreateInstance(services, function.Class);
        var arguments = function.Method.GetParameters().Select(bind).ToArray();
        object? returned;
        try
        {
            returned = function.Method.Invoke(instance, arguments);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }

        switch (returned)
        {
            case Task task:
                await task;
                return task.GetType().IsGenericType ? task.GetType().GetProperty("Result")!.GetValue(task) : null;
            default:
                return returned;
        }
    }

    /// <summary>A queue message as the trigger parameter's type: the text itself, or JSON for a record.</summary>
    public static object? FromMessage(string text, Type type) =>
        type == typeof(string) ? text : JsonSerializer.Deserialize(text, type, JsonSerializerOptions.Web);
}
