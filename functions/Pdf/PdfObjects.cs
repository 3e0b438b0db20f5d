using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace VillageReports.Pdf;

/// <summary>
/// One indirect object of a PDF as it lies in the file, from <c>N 0 obj</c> to the next object: its bytes, the same
/// bytes as Latin-1 text (so regular expressions can find keys), and, when it is a stream, where its data lies.
/// </summary>
public readonly record struct PdfObject(int Number, byte[] File, string Text, int Start, int End)
{
    public ReadOnlySpan<byte> Bytes => File.AsSpan(Start, End - Start);

    /// <summary>Everything before the <c>stream</c> keyword (the object number and the dictionary), or the whole object when it has no stream.</summary>
    public string Head => StreamKeyword is { } keyword ? Text[Start..keyword] : Text[Start..End];

    /// <summary>Where <c>stream\n</c> begins, or null for an object without a stream.</summary>
    public int? StreamKeyword
    {
        get
        {
            var at = Text.IndexOf("stream\n", Start, End - Start, StringComparison.Ordinal);
            return at < 0 ? null : at;
        }
    }
}

/// <summary>
/// Rewrites a PDF object by object: walks the classic cross-reference table PDFsharp writes, hands each object to a
/// rewrite, and moves every offset to match what the rewrite returned. Objects keep their numbers and order.
/// </summary>
public static partial class PdfObjects
{
    public static byte[] Rewrite(byte[] pdf, Func<PdfObject, byte[]> rewrite)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var startXref = int.Parse(StartXref().Match(text).Groups[1].Value, CultureInfo.InvariantCulture);
        var xref = XrefTable().Match(text, startXref);
        if (!xref.Success || xref.Index != startXref)
        {
            throw new InvalidOperationException("The PDF has no classic cross-reference table where startxref points.");
        }

        var first = int.Parse(xref.Groups[1].Value, CultureInfo.InvariantCulture);
        var entries = XrefEntry().Matches(text, xref.Index + xref.Length).Take(int.Parse(xref.Groups[2].Value, CultureInfo.InvariantCulture)).ToList();
        var objects = entries.Select((e, i) => (Number: first + i, Offset: int.Parse(e.Groups[1].Value, CultureInfo.InvariantCulture), InUse: e.Groups[2].Value == "n"))
            .Where(o => o.InUse).OrderBy(o => o.Offset).ToList();

        using var output = new MemoryStream(pdf.Length);
        output.Write(pdf, 0, objects.Count > 0 ? objects[0].Offset : startXref);
        var offsets = new Dictionary<int, long>();
        for (var i = 0; i < objects.Count; i++)
        {
            var end = i + 1 < objects.Count ? objects[i + 1].Offset : startXref;
            offsets[objects[i].Number] = output.Position;
            output.Write(rewrite(new PdfObject(objects[i].Number, pdf, text, objects[i].Offset, end)));
        }

        var newStartXref = output.Position;
        var table = new StringBuilder(text[startXref..(xref.Index + xref.Length)]);
        foreach (var (entry, index) in entries.Select((e, i) => (e, i)))
        {
            var number = first + index;
            table.Append(offsets.TryGetValue(number, out var offset)
                ? string.Create(CultureInfo.InvariantCulture, $"{offset:D10}") + entry.Value[10..]
                : entry.Value);
        }

        var tail = text[(entries.Count > 0 ? entries[^1].Index + entries[^1].Length : xref.Index + xref.Length)..];
        tail = StartXref().Replace(tail, string.Create(CultureInfo.InvariantCulture, $"startxref\n{newStartXref}"), 1);
        output.Write(Encoding.Latin1.GetBytes(table.Append(tail).ToString()));
        return output.ToArray();
    }

    /// <summary>The stream's data as written (still encoded), when the object is a stream whose /Length is a direct number.</summary>
    public static bool TryGetStreamData(PdfObject pdfObject, out Range data)
    {
        data = default;
        if (pdfObject.StreamKeyword is not { } keyword || DirectLength().Match(pdfObject.Text, pdfObject.Start, keyword - pdfObject.Start) is not { Success: true } length)
        {
            return false;
        }

        var dataStart = keyword + "stream\n".Length;
        data = dataStart..(dataStart + int.Parse(length.Groups[1].Value, CultureInfo.InvariantCulture));
        return true;
    }

    /// <summary>
    /// The object with its stream data replaced, <c>/Length</c> set to match, and <paramref name="entry"/> (such as
    /// <c>/Length1</c>) set when the dictionary has it; <paramref name="addition"/> (such as <c>/Filter/FlateDecode</c>)
    /// is added at the start of the dictionary. The dictionary is otherwise kept as written.
    /// </summary>
    public static byte[] WithStreamData(PdfObject pdfObject, ReadOnlySpan<byte> data, (string Key, long Value)? entry = null, string? addition = null)
    {
        if (!TryGetStreamData(pdfObject, out var old))
        {
            throw new InvalidOperationException($"Object {pdfObject.Number} has no stream with a direct /Length.");
        }

        var head = pdfObject.Head;
        if (addition is not null)
        {
            var open = head.IndexOf("<<", StringComparison.Ordinal);
            head = open < 0 ? throw new InvalidOperationException($"Object {pdfObject.Number} has no dictionary.") : head[..(open + 2)] + addition + head[(open + 2)..];
        }

        head = WithEntry(head, "Length", data.Length);
        if (entry is var (key, value))
        {
            head = WithEntry(head, key, value);
        }

        var (oldStart, oldLength) = old.GetOffsetAndLength(pdfObject.File.Length);
        var after = pdfObject.File.AsSpan(oldStart + oldLength, pdfObject.End - oldStart - oldLength);
        return [.. Encoding.Latin1.GetBytes(head + "stream\n"), .. data, .. after];
    }

    /// <summary>The dictionary with the direct number under <paramref name="key"/> (not an indirect reference) set to <paramref name="value"/>.</summary>
    private static string WithEntry(string dictionary, string key, long value) =>
        Regex.Replace(dictionary, @"/" + Regex.Escape(key) + @"\s+\d+(?!\s+\d+\s+R)\b", string.Create(CultureInfo.InvariantCulture, $"/{key} {value}"), RegexOptions.CultureInvariant);

    /// <summary>Inflates a zlib (FlateDecode) stream; the trailer is not checked, as PDFsharp leaves it off.</summary>
    public static byte[] Inflate(ReadOnlySpan<byte> zlib)
    {
        // Skip the two-byte zlib header and read raw deflate: the deflate data is whole, only the trailer may be missing.
        using var input = new MemoryStream(zlib[2..].ToArray());
        using var inflater = new DeflateStream(input, CompressionMode.Decompress);
        using var result = new MemoryStream(zlib.Length * 4);
        inflater.CopyTo(result);
        return result.ToArray();
    }

    /// <summary>
    /// A complete zlib stream (header, deflate data, Adler-32 trailer), as FlateDecode expects. At zlib's default
    /// level: the smallest-size level saves ~3% on a font program and takes three times as long.
    /// </summary>
    public static byte[] Deflate(ReadOnlySpan<byte> data)
    {
        using var result = new MemoryStream(data.Length / 2);
        using (var deflater = new ZLibStream(result, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflater.Write(data);
        }

        return result.ToArray();
    }

    [GeneratedRegex(@"startxref\s+(\d+)", RegexOptions.RightToLeft)]
    private static partial Regex StartXref();

    [GeneratedRegex(@"xref\s+(\d+) (\d+)\s*?\n")]
    private static partial Regex XrefTable();

    [GeneratedRegex(@"(\d{10}) \d{5} ([nf])\s{1,2}")]
    private static partial Regex XrefEntry();

    [GeneratedRegex(@"/Length\s+(\d+)(?!\s+\d+\s+R)\b")]
    private static partial Regex DirectLength();
}
