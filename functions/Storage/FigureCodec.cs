using System.Globalization;
using System.Text.Json;

namespace VillageReports.Storage;

/// <summary>
/// Figures are stored as a JSON object of invariant decimal strings: exact, unlike a double, and unlike a
/// <c>decimal</c> property, which Azure Tables reads back as 0 without error.
/// </summary>
public static class FigureCodec
{
    public static string Encode(IReadOnlyDictionary<string, decimal> figures)
    {
        var strings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (code, value) in figures)
        {
            strings[code] = value.ToString(CultureInfo.InvariantCulture);
        }

        return JsonSerializer.Serialize(strings);
    }

    public static SortedDictionary<string, decimal> Decode(string? json)
    {
        var figures = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(json))
        {
            return figures;
        }

        foreach (var (code, text) in JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [])
        {
            figures[code] = decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
        }

        return figures;
    }
}
