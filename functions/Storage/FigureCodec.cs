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
/// <c>[A-Za-z0-9_.-]</c>; it is also the form the inputs hash has always digested (<see cref="WriteJson"/>). A month is
/// rewritten only when a unit saves it again, so the months before this form stay JSON in every report that looks back
/// at them: the JSON this codec wrote is read without a JSON reader too.
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
        return pairs.All(p => IsPlain(p.Key)) ? Text(pairs, static (output, p) => Write(output, p, PairsForm)) : Text(pairs, WriteJson);
    }

    /// <summary>The figures as a JSON object of decimal strings, keys in ordinal order: the form rows were first stored in.</summary>
    public static string EncodeJson(IReadOnlyDictionary<string, decimal> figures) => Text(InOrder(figures), WriteJson);

    /// <summary>The UTF-8 of <see cref="EncodeJson"/>, written to <paramref name="output"/>.</summary>
    public static void WriteJson(IBufferWriter<byte> output, IReadOnlyDictionary<string, decimal> figures) => WriteJson(output, InOrder(figures));

    private static string Text(KeyValuePair<string, decimal>[] pairs, Action<IBufferWriter<byte>, KeyValuePair<string, decimal>[]> write)
    {
        var buffer = new ArrayBufferWriter<byte>(16 + (pairs.Length * 40));
        write(buffer, pairs);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteJson(IBufferWriter<byte> output, KeyValuePair<string, decimal>[] pairs)
    {
        if (pairs.All(p => IsPlain(p.Key)))
        {
            Write(output, pairs, JsonForm);
            return;
        }

        using var writer = new Utf8JsonWriter(output);
        Span<byte> number = stackalloc byte[32];
        writer.WriteStartObject();
        foreach (var (code, value) in pairs)
        {
            writer.WriteString(code, number[..Format(value, number, code)]);
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// How a form lays out codes its text never escapes: what opens and closes it, what comes before a code, between
    /// a code and its figure, after a figure, and between two. The JSON form's is what the JSON writer writes for such
    /// codes, byte for byte (catalog codes are <c>[a-z0-9_.]</c>), without it: a report writes hundreds of sets.
    /// </summary>
    private sealed record Form(byte[] Open, byte[] BeforeCode, byte[] BeforeValue, byte[] AfterValue, byte[] Between, byte[] Close);

    private static readonly Form PairsForm = new([], [], [(byte)'='], [], [(byte)';'], []);
    private static readonly Form JsonForm = new([(byte)'{'], [(byte)'"'], [.. "\":\""u8], [(byte)'"'], [(byte)','], [(byte)'}']);

    private static void Write(IBufferWriter<byte> output, KeyValuePair<string, decimal>[] pairs, Form form)
    {
        // Per figure: the code, the form's punctuation, and a decimal's at most 31 characters.
        var size = form.Open.Length + form.Close.Length;
        foreach (var (code, _) in pairs)
        {
            size += code.Length + form.BeforeCode.Length + form.BeforeValue.Length + form.AfterValue.Length + form.Between.Length + 32;
        }

        var span = output.GetSpan(size);
        var at = Put(span, 0, form.Open);
        for (var i = 0; i < pairs.Length; i++)
        {
            var (code, value) = pairs[i];
            at = Put(span, i == 0 ? at : Put(span, at, form.Between), form.BeforeCode);
            at += Encoding.ASCII.GetBytes(code, span[at..]);
            at = Put(span, at, form.BeforeValue);
            at += Format(value, span[at..], code);
            at = Put(span, at, form.AfterValue);
        }

        output.Advance(Put(span, at, form.Close));
    }

    private static int Put(Span<byte> span, int at, byte[] bytes)
    {
        // The forms' punctuation is a byte or none, bar the JSON form's three between a code and its figure.
        switch (bytes.Length)
        {
            case 0:
                return at;
            case 1:
                span[at] = bytes[0];
                return at + 1;
            default:
                bytes.CopyTo(span[at..]);
                return at + bytes.Length;
        }
    }

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
        var figures = new Collected(stored.AsSpan().Count(';') + 1);
        foreach (var range in stored.AsSpan().Split(';'))
        {
            var pair = stored.AsSpan(range);
            var equals = pair.IndexOf('=');
            if (equals <= 0 || !decimal.TryParse(pair[(equals + 1)..], AsWritten, CultureInfo.InvariantCulture, out var value))
            {
                throw new FormatException($"Stored figures are not code=number pairs: '{pair}'.");
            }

            figures.Add(pair[..equals], value);
        }

        // Written in key order; should a row hold them otherwise (the last of a repeated code standing), the set still lists them so.
        return figures.InKeyOrder ? figures.Figures : new Dictionary<string, decimal>(figures.Figures.OrderBy(f => f.Key, StringComparer.Ordinal), StringComparer.Ordinal);
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
        var figures = new Collected(text.Count('"') / 4);
        var rest = text[1..^1];
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

            figures.Add(code, value);
            if (!figures.InKeyOrder)
            {
                return null;
            }

            if (!rest.IsEmpty)
            {
                if (rest[0] != ',' || rest.Length == 1)
                {
                    return null;
                }

                rest = rest[1..];
            }
        }

        return figures.Figures;
    }

    /// <summary>Figures in the order a row holds them, each code the shared one, noting whether that was key order.</summary>
    private struct Collected(int capacity)
    {
        private string? _last;

        public Dictionary<string, decimal> Figures { get; } = new(capacity, StringComparer.Ordinal);

        public bool InKeyOrder { get; private set; } = true;

        public void Add(ReadOnlySpan<char> code, decimal value)
        {
            var key = Shared(code);
            InKeyOrder &= _last is null || string.CompareOrdinal(_last, key) < 0;
            Figures[key] = value;
            _last = key;
        }
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
