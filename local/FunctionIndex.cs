using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace VillageReports.Local;

public enum TriggerKind { Http, Timer, Queue }

/// <summary>One <c>[Function]</c> method and the trigger that starts it, read from its attributes as the Functions SDK reads them.</summary>
public sealed record FunctionEntry(string Name, Type Class, MethodInfo Method, TriggerKind Trigger, ParameterInfo TriggerParameter)
{
    public HttpTriggerAttribute Http => TriggerParameter.GetCustomAttribute<HttpTriggerAttribute>()!;
    public TimerTriggerAttribute Timer => TriggerParameter.GetCustomAttribute<TimerTriggerAttribute>()!;
    public QueueTriggerAttribute Queue => TriggerParameter.GetCustomAttribute<QueueTriggerAttribute>()!;
}

/// <summary>Finds every function in an assembly, so the local runner lists nothing twice.</summary>
public static class FunctionIndex
{
    public static IReadOnlyList<FunctionEntry> Scan(Assembly assembly) =>
        assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Function: m.GetCustomAttribute<FunctionAttribute>()))
            .Where(x => x.Function is not null)
            .Select(x => Describe(x.Function!.Name, x.Method))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();

    /// <summary>Resolves <c>%Setting%</c> binding expressions the way the Functions host does.</summary>
    public static string Resolve(string expression, Func<string, string?> settings)
    {
        if (expression.Length > 2 && expression[0] == '%' && expression[^1] == '%')
        {
            var name = expression[1..^1];
            return settings(name) ?? throw new InvalidOperationException($"App setting '{name}' is not set (used as %{name}%).");
        }

        return expression;
    }

    private static FunctionEntry Describe(string name, MethodInfo method)
    {
        foreach (var parameter in method.GetParameters())
        {
            if (parameter.GetCustomAttribute<HttpTriggerAttribute>() is not null)
            {
                return new FunctionEntry(name, method.DeclaringType!, method, TriggerKind.Http, parameter);
            }

            if (parameter.GetCustomAttribute<TimerTriggerAttribute>() is not null)
            {
                return new FunctionEntry(name, method.DeclaringType!, method, TriggerKind.Timer, parameter);
            }

            if (parameter.GetCustomAttribute<QueueTriggerAttribute>() is not null)
            {
                return new FunctionEntry(name, method.DeclaringType!, method, TriggerKind.Queue, parameter);
            }
        }

        throw new InvalidOperationException($"Function {name} has no trigger the local runner knows (HTTP, timer, queue).");
    }
}
