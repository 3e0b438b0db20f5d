using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace VillageReports.Catalog;

/// <summary>The data elements, indicators and rules a deployment collects; loaded once and checked for consistency.</summary>
public sealed partial class ElementCatalog
{
    private readonly FrozenDictionary<string, DataElement> _byCode;

    private ElementCatalog(IReadOnlyList<Section> sections, IReadOnlyList<DataElement> elements, IReadOnlyList<Indicator> indicators, IReadOnlyList<CrossFieldRule> rules)
    {
        Sections = sections;
        Elements = elements;
        Indicators = indicators;
        Rules = rules;
        _byCode = elements.ToFrozenDictionary(e => e.Code, StringComparer.Ordinal);
    }

    public IReadOnlyList<Section> Sections { get; }
    public IReadOnlyList<DataElement> Elements { get; }
    public IReadOnlyList<Indicator> Indicators { get; }
    public IReadOnlyList<CrossFieldRule> Rules { get; }

    public DataElement? Find(string code) => _byCode.GetValueOrDefault(code);

    public IEnumerable<DataElement> InSection(string section) => Elements.Where(e => e.Section == section);

    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        WriteIndented = false,
    };

    /// <summary>The catalog shipped inside the app.</summary>
    public static ElementCatalog LoadEmbedded()
    {
        using var stream = typeof(ElementCatalog).Assembly.GetManifestResourceStream("VillageReports.Catalog.catalog.json")
            ?? throw new InvalidOperationException("The embedded catalog.json is missing from the build.");
        return Load(stream, "embedded catalog.json");
    }

    /// <summary>Loads and checks a catalog; every inconsistency is named in one exception.</summary>
    public static ElementCatalog Load(Stream json, string source)
    {
        CatalogDocument document;
        try
        {
            document = JsonSerializer.Deserialize<CatalogDocument>(json, JsonOptions)
                ?? throw new InvalidOperationException($"{source}: the catalog is empty.");
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"{source}: not a valid catalog ({ex.Message}).", ex);
        }

        var problems = Check(document).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"{source}: {string.Join("; ", problems)}");
        }

        return new ElementCatalog(document.Sections, document.Elements, document.Indicators, document.Rules);
    }

    private static IEnumerable<string> Check(CatalogDocument document)
    {
        var sections = document.Sections.Select(s => s.Code).ToHashSet(StringComparer.Ordinal);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in document.Elements)
        {
            if (!CodePattern().IsMatch(element.Code))
            {
                yield return $"element code '{element.Code}' must be lowercase [a-z0-9_.]";
            }

            if (!codes.Add(element.Code))
            {
                yield return $"element '{element.Code}' is declared twice";
            }

            if (element.Min > element.Max)
            {
                yield return $"element '{element.Code}' has min above max";
            }

            if (element.Type == FigureType.Integer && element.Decimals != 0)
            {
                yield return $"integer element '{element.Code}' declares decimals";
            }

            if (element.DisplayDecimals is { } shown && (shown < 0 || shown > element.Decimals))
            {
                yield return $"element '{element.Code}' shows {shown} decimals but is posted with {element.Decimals}";
            }

            if (!sections.Contains(element.Section))
            {
                yield return $"element '{element.Code}' names unknown section '{element.Section}'";
            }
        }

        foreach (var indicator in document.Indicators)
        {
            foreach (var part in new[] { indicator.Numerator, indicator.Denominator }.Where(p => !codes.Contains(p)))
            {
                yield return $"indicator '{indicator.Code}' names unknown element '{part}'";
            }
        }

        foreach (var rule in document.Rules)
        {
            foreach (var part in rule.Left.Concat(rule.Right).Where(p => !codes.Contains(p)))
            {
                yield return $"rule '{rule.Code}' names unknown element '{part}'";
            }
        }
    }

    [GeneratedRegex("^[a-z0-9_.]{1,64}$")]
    private static partial Regex CodePattern();

    private sealed record CatalogDocument(
        IReadOnlyList<Section> Sections,
        IReadOnlyList<DataElement> Elements,
        IReadOnlyList<Indicator> Indicators,
        IReadOnlyList<CrossFieldRule> Rules);
}
