using System.Reflection;
using System.Text;
using Azure.Core.Serialization;

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

    /// <summary>
    /// A queue message as the trigger parameter's type: the text itself, or JSON read by the worker's serializer
    /// (its JsonPocoConverter), so a message the worker would refuse is refused here too.
    /// </summary>
    public static object? FromMessage(string text, Type type, ObjectSerializer serializer)
    {
        if (type == typeof(string))
        {
            return text;
        }

        using var json = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return serializer.Deserialize(json, type, CancellationToken.None);
    }
}
