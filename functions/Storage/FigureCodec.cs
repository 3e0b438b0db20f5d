using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace VillageReports.Storage;

/// <summary>
/// Figures are stored as text, exact (unlike a double, and unlike a <c>decimal</c> property, which Azure Tables reads
/// back as 0 without error): <c>code=1.5;code2=-3</c>, codes in ordinal order, invariant decimals. Nothing in it needs
/// escaping on the wire, which a report reads for hundreds of rows at once. Rows stored before this form hold a JSON
/// object of decimal strings (<c>{"code":"1.5"}</c>), which is still read, and still written for a code outside
/// <c>[A-Za-z0-9_.-]</c>; it is also the form the inputs hash has always digested (<see cref="WriteJson"/>).
/// A decoded set is a plain dictionary (looked up by every cell of a report) that lists its figures in key order.
/// </summary>
public static class FigureCodec
{
    private const NumberStyles AsWritten = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;
    private static readonly Comparison<KeyValuePair<string, decimal>> ByKey = static (a, b) => string.CompareOrdinal(a.Key, b.Key);

    // Every row of a town names the same few dozen codes: one string each, shared by every decoded row, instead of a
    // new one per figure. Bounded, so stored text that is not catalog codes cannot grow it without end.
    private const int MaxSharedCodes = 4096;
    private static int _sharedCodes;
    private static readonly ConcurrentDictionary<string, string> SharedCodes = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> SharedCodesBySpan = SharedCodes.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The stored text of <paramref name="figures"/>.</summary>
    public static string Encode(IReadOnlyDictionary<string, decimal> figures)
    {
        var pairs = InOrder(figures);
        if (!pairs.All(p => IsPlain(p.Key)))
        {
            var json = new ArrayBufferWriter<byte>(16 + (pairs.Length * 40));
            WriteJson(json, pairs);
            return Encoding.UTF8.GetString(json.WrittenSpan);
        }

        var text = new StringBuilder(pairs.Sum(p => p.Key.Length + 8));
        Span<char> number = stackalloc char[32];
        foreach (var (code, value) in pairs)
        {
            text.Append(text.Length == 0 ? "" : ";").Append(code).Append('=').Append(number[..Format(value, number, code)]);
        }

        return text.ToString();
    }

    /// <summary>The figures as a JSON object of decimal strings, keys in ordinal order: the form rows were first stored in.</summary>
    public static string EncodeJson(IReadOnlyDictionary<string, decimal> figures)
    {
        var buffer = new ArrayBufferWriter<byte>(16 + (figures.Count * 40));
        WriteJson(buffer, figures);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The UTF-8 of <see cref="EncodeJson"/>, written to <paramref name="output"/>.</summary>
    public static void WriteJson(IBufferWriter<byte> output, IReadOnlyDictionary<string, decimal> figures) => WriteJson(output, InOrder(figures));

    private static void WriteJson(IBufferWriter<byte> output, KeyValuePair<string, decimal>[] pairs)
    {
        if (pairs.All(p => IsPlain(p.Key)))
        {
            WritePlain(output, pairs);
            return;
        }

        using var writer = new Utf8JsonWriter(output);
        Span<char> number = stackalloc char[32];
        writer.WriteStartObject();
        foreach (var (code, value) in pairs)
        {
            writer.WriteString(code, number[..Format(value, number, code)]);
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// What the JSON writer writes for codes it does not escape (catalog codes are <c>[a-z0-9_.]</c>), byte for byte,
    /// without it: a decoded set lists its figures in key order already, and a report writes hundreds of them.
    /// </summary>
    private static void WritePlain(IBufferWriter<byte> output, KeyValuePair<string, decimal>[] pairs)
    {
        // Per figure: the code, its quotes, colon and comma, and a decimal's at most 31 characters.
        var span = output.GetSpan(2 + pairs.Sum(p => p.Key.Length + 6 + 32));
        var at = 0;
        span[at++] = (byte)'{';
        foreach (var (code, value) in pairs)
        {
            if (at > 1)
            {
                span[at++] = (byte)',';
            }

            span[at++] = (byte)'"';
            at += Encoding.ASCII.GetBytes(code, span[at..]);
            "\":\""u8.CopyTo(span[at..]);
            at += 3;
            at += Format(value, span[at..], code);
            span[at++] = (byte)'"';
        }

        span[at++] = (byte)'}';
        output.Advance(at);
    }

    private static int Format(decimal value, Span<char> destination, string code) =>
        value.TryFormat(destination, out var written, default, CultureInfo.InvariantCulture) ? written : throw new InvalidOperationException($"Figure {code} cannot be written.");

    private static int Format(decimal value, Span<byte> destination, string code) =>
        value.TryFormat(destination, out var written, default, CultureInfo.InvariantCulture) ? written : throw new InvalidOperationException($"Figure {code} cannot be written.");

    /// <summary>The figures in key order; a decoded set is in it already, and is not sorted again.</summary>
    private static KeyValuePair<string, decimal>[] InOrder(IReadOnlyDictionary<string, decimal> figures)
    {
        var pairs = figures.ToArray();
        if (!InKeyOrder(pairs))
        {
            Array.Sort(pairs, ByKey);
        }

        return pairs;
    }

    private static bool InKeyOrder(KeyValuePair<string, decimal>[] pairs)
    {
        for (var i = 1; i < pairs.Length; i++)
        {
            if (string.CompareOrdinal(pairs[i - 1].Key, pairs[i].Key) >= 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Characters the JSON writer's default encoder writes as they are.</summary>
    private static bool IsPlain(string code) => code.Length > 0 && code.AsSpan().IndexOfAnyExcept(PlainCharacters) < 0;

    private static readonly SearchValues<char> QuotedStringEnds = SearchValues.Create(
        "\"\\" + new string([.. Enumerable.Range(0, 0x20).Select(c => (char)c)]) + new string([.. Enumerable.Range(0xD800, 0x800).Select(c => (char)c)]));

    private static readonly SearchValues<char> PlainCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-");

    public static IReadOnlyDictionary<string, decimal> Decode(string? stored) =>
        string.IsNullOrEmpty(stored) ? new Dictionary<string, decimal>(StringComparer.Ordinal)
        : PlainCharacters.Contains(stored[0]) ? DecodePairs(stored)
        : DecodeJsonAsWritten(stored) ?? DecodeJson(stored);

    /// <summary><c>code=1.5;code2=-3</c>, as <see cref="Encode"/> writes it.</summary>
    private static Dictionary<string, decimal> DecodePairs(string stored)
    {
        var figures = new Dictionary<string, decimal>(stored.AsSpan().Count(';') + 1, StringComparer.Ordinal);
        string? previous = null;
        var inOrder = true;
        foreach (var range in stored.AsSpan().Split(';'))
        {
            var pair = stored.AsSpan(range);
            var equals = pair.IndexOf('=');
            if (equals <= 0 || !decimal.TryParse(pair[(equals + 1)..], AsWritten, CultureInfo.InvariantCulture, out var value))
            {
                throw new FormatException($"Stored figures are not code=number pairs: '{pair}'.");
            }

            var code = Shared(pair[..equals]);
            inOrder &= previous is null || string.CompareOrdinal(previous, code) < 0;
            figures[code] = value;
            previous = code;
        }

        // Written in key order; should a row hold them otherwise, the set still lists them so.
        return inOrder ? figures : new Dictionary<string, decimal>(figures.OrderBy(f => f.Key, StringComparer.Ordinal), StringComparer.Ordinal);
    }

    /// <summary>
    /// JSON as <see cref="EncodeJson"/> writes it: <c>{"code":"1.5",…}</c>, no space, no escape, keys ascending. Null for
    /// anything else (an escape, a space, keys out of order, a bad number), which the JSON reader then reads or refuses.
    /// </summary>
    private static Dictionary<string, decimal>? DecodeJsonAsWritten(string json)
    {
        var text = json.AsSpan();
        if (text.Length < 2 || text[0] != '{' || text[^1] != '}')
        {
            return null;
        }

        // Four quotes a figure.
        var figures = new Dictionary<string, decimal>(text.Count('"') / 4, StringComparer.Ordinal);
        var rest = text[1..^1];
        string? previous = null;
        while (!rest.IsEmpty)
        {
            if (!TryQuoted(ref rest, out var code) || rest.IsEmpty || rest[0] != ':')
            {
                return null;
            }

            rest = rest[1..];
            // Written figures are a sign, digits and a point: a number in any other form goes to the JSON reader's path.
            if (!TryQuoted(ref rest, out var number) || !decimal.TryParse(number, AsWritten, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }

            var key = Shared(code);
            if (previous is not null && string.CompareOrdinal(previous, key) >= 0)
            {
                return null;
            }

            figures.Add(key, value);
            previous = key;
            if (!rest.IsEmpty)
            {
                if (rest[0] != ',' || rest.Length == 1)
                {
                    return null;
                }

                rest = rest[1..];
            }
        }

        return figures;
    }

    /// <summary>A string without escapes at the start of <paramref name="rest"/>, which is left after its closing quote.</summary>
    private static bool TryQuoted(ref ReadOnlySpan<char> rest, out ReadOnlySpan<char> content)
    {
        content = default;
        if (rest.IsEmpty || rest[0] != '"')
        {
            return false;
        }

        // The JSON reader refuses a control character and replaces a lone surrogate: those, and escapes, are left to it.
        var end = rest[1..].IndexOfAny(QuotedStringEnds);
        if (end < 0 || rest[1 + end] != '"')
        {
            return false;
        }

        content = rest.Slice(1, end);
        rest = rest[(end + 2)..];
        return true;
    }

    private static string Shared(ReadOnlySpan<char> code)
    {
        if (SharedCodesBySpan.TryGetValue(code, out var shared))
        {
            return shared;
        }

        var text = code.ToString();
        if (Volatile.Read(ref _sharedCodes) >= MaxSharedCodes)
        {
            return text;
        }

        var kept = SharedCodes.GetOrAdd(text, text);
        if (ReferenceEquals(kept, text))
        {
            Interlocked.Increment(ref _sharedCodes);
        }

        return kept;
    }

    /// <summary>Any JSON object of decimal strings (escaped, spaced, out of order), read with the JSON reader.</summary>
    private static Dictionary<string, decimal> DecodeJson(string json)
    {
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
            // A dictionary filled in key order lists its figures so.
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

        static void Expect(bool condition)
        {
            if (!condition)
            {
                throw new JsonException("Stored figures are not an object of decimal strings.");
            }
        }
    }
}
