using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace VillageReports.Storage;

/// <summary>
/// Figures are stored as a JSON object of invariant decimal strings, keys in ordinal order: exact, unlike a double,
/// and unlike a <c>decimal</c> property, which Azure Tables reads back as 0 without error. A report decodes hundreds
/// of rows and hashes them again, so both ways go straight through the JSON reader and writer, and a decoded set is a
/// plain dictionary (looked up by every cell of a report) that lists its figures in key order.
/// </summary>
public static class FigureCodec
{
    private static readonly Comparison<KeyValuePair<string, decimal>> ByKey = static (a, b) => string.CompareOrdinal(a.Key, b.Key);

    public static string Encode(IReadOnlyDictionary<string, decimal> figures)
    {
        var pairs = figures.ToArray();
        Array.Sort(pairs, ByKey);
        var buffer = new ArrayBufferWriter<byte>(16 + (pairs.Length * 40));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Span<char> number = stackalloc char[32];
            writer.WriteStartObject();
            foreach (var (code, value) in pairs)
            {
                if (!value.TryFormat(number, out var written, default, CultureInfo.InvariantCulture))
                {
                    throw new InvalidOperationException($"Figure {code} cannot be written.");
                }

                writer.WriteString(code, number[..written]);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static IReadOnlyDictionary<string, decimal> Decode(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return new Dictionary<string, decimal>(StringComparer.Ordinal);
        }

        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            var reader = new Utf8JsonReader(bytes.AsSpan(0, Encoding.UTF8.GetBytes(json, bytes)));
            var pairs = new List<KeyValuePair<string, decimal>>();
            Expect(reader.Read() && reader.TokenType == JsonTokenType.StartObject);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var code = reader.GetString()!;
                Expect(reader.Read() && reader.TokenType == JsonTokenType.String);
                var value = reader.ValueIsEscaped
                    ? decimal.Parse(reader.GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture)
                    : decimal.Parse(reader.ValueSpan, NumberStyles.Number, CultureInfo.InvariantCulture);
                pairs.Add(new(code, value));
            }

            Expect(reader.TokenType == JsonTokenType.EndObject);
            // Stored in key order (Encode); sorted anyway, since a dictionary filled in key order lists its figures so.
            pairs.Sort(ByKey);
            var figures = new Dictionary<string, decimal>(pairs.Count, StringComparer.Ordinal);
            foreach (var (code, value) in pairs)
            {
                figures[code] = value;
            }

            return figures;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }

        void Expect(bool condition)
        {
            if (!condition)
            {
                throw new JsonException("Stored figures are not an object of decimal strings.");
            }
        }
    }
}
