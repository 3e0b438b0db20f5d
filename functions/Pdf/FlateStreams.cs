using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace VillageReports.Pdf;

/// <summary>
/// PDFsharp 6.2.4 writes every FlateDecode stream without the zlib Adler-32 trailer, whatever its
/// <c>FlateEncodeMode</c>; qpdf warns on each and mupdf reports "premature end of data". The deflate data itself
/// is whole, so this pass inflates each such stream only to compute its Adler-32, appends it, and moves the
/// cross-reference offsets to match (cheaper than compressing again, and the bytes PDFsharp wrote stay).
/// </summary>
public static partial class FlateStreams
{
    public static byte[] Complete(byte[] pdf)
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
            output.Write(Recompress(pdf, text, objects[i].Offset, end));
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

    /// <summary>One object, its FlateDecode stream (if any) given its Adler-32 trailer and its /Length set to match.</summary>
    private static byte[] Recompress(byte[] pdf, string text, int start, int end)
    {
        var streamKeyword = text.IndexOf("stream\n", start, end - start, StringComparison.Ordinal);
        if (streamKeyword < 0)
        {
            return pdf[start..end];
        }

        var head = text[start..streamKeyword];
        var length = DirectLength().Match(head);
        if (!FlateOnly().IsMatch(head) || !length.Success)
        {
            return pdf[start..end];
        }

        var dataStart = streamKeyword + "stream\n".Length;
        var data = pdf.AsSpan(dataStart, int.Parse(length.Groups[1].Value, CultureInfo.InvariantCulture));
        var complete = WithTrailer(data);
        var newHead = head[..length.Index] + string.Create(CultureInfo.InvariantCulture, $"/Length {complete.Length}") + head[(length.Index + length.Length)..];
        return [.. Encoding.Latin1.GetBytes(newHead + "stream\n"), .. complete, .. pdf.AsSpan(dataStart + data.Length, end - dataStart - data.Length)];
    }

    private static byte[] Inflate(ReadOnlySpan<byte> zlib)
    {
        // Skip the two-byte zlib header; the deflate data itself is whole, only the trailer is missing.
        using var input = new MemoryStream(zlib[2..].ToArray());
        using var inflater = new DeflateStream(input, CompressionMode.Decompress);
        using var result = new MemoryStream();
        inflater.CopyTo(result);
        return result.ToArray();
    }

    /// <summary>The zlib stream with its Adler-32 (big-endian, of the inflated bytes) after the deflate data, unless it is there already.</summary>
    private static byte[] WithTrailer(ReadOnlySpan<byte> zlib)
    {
        var adler = Adler32(Inflate(zlib));
        Span<byte> trailer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(trailer, adler);
        return zlib.Length >= 6 && zlib[^4..].SequenceEqual(trailer) ? zlib.ToArray() : [.. zlib, .. trailer];
    }

    private static uint Adler32(byte[] data)
    {
        const uint Modulus = 65521;
        uint a = 1, b = 0;
        foreach (var chunk in data.Chunk(5552))
        {
            // 5552 bytes is the most that can be summed before the 32-bit sums must be reduced.
            foreach (var value in chunk)
            {
                a += value;
                b += a;
            }

            a %= Modulus;
            b %= Modulus;
        }

        return (b << 16) | a;
    }

    [GeneratedRegex(@"startxref\s+(\d+)", RegexOptions.RightToLeft)]
    private static partial Regex StartXref();

    [GeneratedRegex(@"xref\s+(\d+) (\d+)\s*?\n")]
    private static partial Regex XrefTable();

    [GeneratedRegex(@"(\d{10}) \d{5} ([nf])\s{1,2}")]
    private static partial Regex XrefEntry();

    [GeneratedRegex(@"/Filter\s*/FlateDecode\b")]
    private static partial Regex FlateOnly();

    [GeneratedRegex(@"/Length\s+(\d+)(?!\s+\d+\s+R)\b")]
    private static partial Regex DirectLength();
}
