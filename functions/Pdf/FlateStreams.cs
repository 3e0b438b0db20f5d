using System.Buffers.Binary;
using System.Text.RegularExpressions;

namespace VillageReports.Pdf;

/// <summary>
/// PDFsharp 6.2.4 writes every FlateDecode stream without the zlib Adler-32 trailer, whatever its
/// <c>FlateEncodeMode</c>; qpdf warns on each and mupdf reports "premature end of data". The deflate data itself
/// is whole, so each such stream is inflated only to compute its Adler-32, which is appended (cheaper than
/// compressing again, and the bytes PDFsharp wrote stay); <see cref="PdfObjects"/> moves the offsets to match.
/// </summary>
public static partial class FlateStreams
{
    /// <summary>One object, its FlateDecode stream (if any) given its Adler-32 trailer and its /Length set to match.</summary>
    public static byte[] Complete(PdfObject pdfObject)
    {
        if (!PdfObjects.TryGetStreamData(pdfObject, out var data) || !FlateOnly().IsMatch(pdfObject.Head))
        {
            return pdfObject.Bytes.ToArray();
        }

        var zlib = pdfObject.File.AsSpan(data);
        var adler = Adler32(PdfObjects.Inflate(zlib));
        Span<byte> trailer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(trailer, adler);
        return zlib.Length >= 6 && zlib[^4..].SequenceEqual(trailer)
            ? pdfObject.Bytes.ToArray()
            : PdfObjects.WithStreamData(pdfObject, [.. zlib, .. trailer]);
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

    [GeneratedRegex(@"/Filter\s*/FlateDecode\b")]
    private static partial Regex FlateOnly();
}
