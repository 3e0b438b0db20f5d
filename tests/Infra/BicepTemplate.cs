using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using VillageReports.Tests.Local;

namespace VillageReports.Tests.Infra;

/// <summary>infra/main.bicep compiled once by the real Bicep CLI (from its NuGet package), with its diagnostics.</summary>
public static class BicepTemplate
{
    private static readonly Lazy<(JsonElement Template, string Diagnostics, int ExitCode)> Compiled = new(Compile);

    public static string Path => typeof(BicepTemplate).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value!;

    public static JsonElement Template => Compiled.Value.Template;
    public static string Diagnostics => Compiled.Value.Diagnostics;
    public static int ExitCode => Compiled.Value.ExitCode;

    /// <summary>Every resource, modules' nested templates included.</summary>
    public static IEnumerable<JsonElement> Resources => ResourcesIn(Template);

    public static IEnumerable<JsonElement> OfType(string type) =>
        Resources.Where(r => string.Equals(r.GetProperty("type").GetString(), type, StringComparison.OrdinalIgnoreCase));

    /// <summary>A map-valued variable as declared in any of the templates (modules' included), member → value.</summary>
    public static Dictionary<string, string> Variables(string name) =>
        Templates(Template)
            .Where(t => t.TryGetProperty("variables", out var v) && v.TryGetProperty(name, out _))
            .SelectMany(t => t.GetProperty("variables").GetProperty(name).EnumerateObject())
            .GroupBy(p => p.Name)
            .ToDictionary(g => g.Key, g => g.First().Value.GetString()!, StringComparer.Ordinal);

    /// <summary>
    /// The names of the resources of a type, as deployed: a copy loop over an array variable gives one name per
    /// element, otherwise the literal last segment of the name. The type is matched exactly, so a table named
    /// like a queue is not taken for the queue.
    /// </summary>
    public static List<string> NamesOf(string type) =>
        Templates(Template)
            .SelectMany(t => OwnResources(t)
                .Where(r => string.Equals(r.GetProperty("type").GetString(), type, StringComparison.OrdinalIgnoreCase))
                .SelectMany(r => NamesOf(t, r)))
            .ToList();

    /// <summary>Every resource of a type with the module deployment that holds it (default for the main template).</summary>
    public static IEnumerable<(JsonElement Module, JsonElement Resource)> InModules(string type) =>
        OwnResources(Template)
            .Where(r => r.GetProperty("type").GetString() == "Microsoft.Resources/deployments")
            .SelectMany(m => OwnResources(m.GetProperty("properties").GetProperty("template"))
                .Where(r => string.Equals(r.GetProperty("type").GetString(), type, StringComparison.OrdinalIgnoreCase))
                .Select(r => (m, r)));

    private static IEnumerable<string> NamesOf(JsonElement template, JsonElement resource)
    {
        var name = resource.GetProperty("name").GetString()!;
        if (System.Text.RegularExpressions.Regex.Match(name, @"variables\('(\w+)'\)\[copyIndex\(\)\]") is { Success: true } loop)
        {
            return template.GetProperty("variables").GetProperty(loop.Groups[1].Value).EnumerateArray().Select(e => e.GetString()!);
        }

        if (System.Text.RegularExpressions.Regex.Match(name, @"'([^']+)'\)\]$") is { Success: true } literal)
        {
            return [literal.Groups[1].Value];
        }

        if (System.Text.RegularExpressions.Regex.Match(name, @"variables\('(\w+)'\)\)\]$") is { Success: true } variable)
        {
            return [template.GetProperty("variables").GetProperty(variable.Groups[1].Value).GetString()!];
        }

        return [name.Split('/')[^1]];
    }

    private static List<JsonElement> OwnResources(JsonElement template)
    {
        if (template.ValueKind != JsonValueKind.Object || !template.TryGetProperty("resources", out var resources))
        {
            return [];
        }

        return resources.ValueKind == JsonValueKind.Array ? resources.EnumerateArray().ToList() : resources.EnumerateObject().Select(p => p.Value).ToList();
    }

    public static (string Output, string Errors, int ExitCode) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["BICEP_TRACING_ENABLED"] = "false";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (output.Result, errors, process.ExitCode);
    }

    public static string Main => System.IO.Path.Combine(FunctionMetadataTests.RepositoryRoot(), "infra", "main.bicep");

    private static (JsonElement, string, int) Compile()
    {
        var (output, errors, code) = Run("build", Main, "--stdout");
        var template = code == 0 ? JsonDocument.Parse(output).RootElement.Clone() : default;
        return (template, errors, code);
    }

    private static IEnumerable<JsonElement> Templates(JsonElement template)
    {
        yield return template;
        foreach (var nested in ResourcesIn(template).Where(r => r.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object && p.TryGetProperty("template", out _)))
        {
            yield return nested.GetProperty("properties").GetProperty("template");
        }
    }

    private static IEnumerable<JsonElement> ResourcesIn(JsonElement template)
    {
        if (template.ValueKind != JsonValueKind.Object || !template.TryGetProperty("resources", out var resources))
        {
            yield break;
        }

        // Bicep writes resources as an array, or as an object keyed by symbolic name (language version 2).
        var list = resources.ValueKind == JsonValueKind.Array ? resources.EnumerateArray().ToList() : resources.EnumerateObject().Select(p => p.Value).ToList();
        foreach (var resource in list)
        {
            yield return resource;
            if (resource.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty("template", out var nested))
            {
                foreach (var inner in ResourcesIn(nested))
                {
                    yield return inner;
                }
            }
        }
    }
}
