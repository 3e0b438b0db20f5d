using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace VillageReports.Pdf;

/// <summary>
/// Shrinks the fonts PDFsharp 6.2.4 embeds without changing a glyph: each subset font program gets
/// <see cref="TrueTypeSubset.ClearUnusedMetrics"/> and is deflated again (with its Adler-32), and each CIDFont's
/// <c>W</c> array leaves out the widths equal to its default width (1000, every CJK ideograph), which PDFsharp
/// lists one by one. One pass over the objects (see <see cref="PdfObjects"/>); other objects are left to the caller.
/// </summary>
public static partial class SubsetFonts
{
    /// <summary>The object made smaller, or null when it is neither an embedded TrueType program nor a CIDFontType2 dictionary.</summary>
    public static byte[]? Compact(PdfObject pdfObject)
    {
        var head = pdfObject.Head;
        if (pdfObject.StreamKeyword is not null)
        {
            return FontProgram().IsMatch(head) && PdfObjects.TryGetStreamData(pdfObject, out var data)
                ? CompactFontProgram(pdfObject, data)
                : null;
        }

        return CidFontType2().IsMatch(head) ? CompactWidths(pdfObject) : null;
    }

    /// <summary>
    /// The program compacted and deflated. PdfRenderer has PDFsharp write it plain (NoCompression), so it is deflated
    /// once, here; a program already encoded is left as it is.
    /// </summary>
    private static byte[]? CompactFontProgram(PdfObject pdfObject, Range data)
    {
        if (AnyFilter().IsMatch(pdfObject.Head))
        {
            return null;
        }

        var font = pdfObject.File.AsSpan(data).ToArray();
        byte[] trimmed;
        try
        {
            trimmed = TrueTypeSubset.ClearUnusedMetrics(font);
        }
        catch (InvalidDataException)
        {
            // A font laid out in a way this does not read is kept whole: a bigger file, never a failed report.
            trimmed = font;
        }

        return PdfObjects.WithStreamData(pdfObject, PdfObjects.Deflate(trimmed), ("Length1", trimmed.Length), "/Filter/FlateDecode");
    }

    private static byte[] CompactWidths(PdfObject pdfObject)
    {
        var text = pdfObject.Text[pdfObject.Start..pdfObject.End];
        var widths = WidthArray().Match(text);
        if (!widths.Success)
        {
            return pdfObject.Bytes.ToArray();
        }

        // Without /DW a CIDFont's default width is 1000 (ISO 32000-1, 9.7.4.3).
        var defaultWidth = DefaultWidth().Match(text) is { Success: true } dw ? Number(dw.Groups[1].Value) : 1000;
        var compact = Write(Read(widths.Groups[1].Value).Where(w => Number(w.Width) != defaultWidth));
        return Encoding.Latin1.GetBytes(text[..widths.Index] + "/W[" + compact + "]" + text[(widths.Index + widths.Length)..]);
    }

    private static double Number(string token) => double.Parse(token, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Every (CID, width) of a <c>W</c> array, in both its forms: <c>c [w1 w2 …]</c> and <c>c_first c_last w</c>.</summary>
    private static List<(int Cid, string Width)> Read(string array)
    {
        var tokens = WidthToken().Matches(array).Select(m => m.Value).ToList();
        var result = new List<(int, string)>();
        for (var i = 0; i < tokens.Count;)
        {
            var first = int.Parse(tokens[i], CultureInfo.InvariantCulture);
            if (tokens[i + 1] == "[")
            {
                var cid = first;
                for (i += 2; tokens[i] != "]"; i++)
                {
                    result.Add((cid++, tokens[i]));
                }

                i++;
            }
            else
            {
                var last = int.Parse(tokens[i + 1], CultureInfo.InvariantCulture);
                for (var cid = first; cid <= last; cid++)
                {
                    result.Add((cid, tokens[i + 2]));
                }

                i += 3;
            }
        }

        return result;
    }

    /// <summary>Consecutive CIDs share one <c>c [w1 w2 …]</c> entry.</summary>
    private static string Write(IEnumerable<(int Cid, string Width)> widths)
    {
        var result = new StringBuilder();
        var next = -1;
        foreach (var (cid, width) in widths.OrderBy(w => w.Cid))
        {
            if (cid != next)
            {
                result.Append(next < 0 ? "" : "]").Append(CultureInfo.InvariantCulture, $"{cid}[");
            }
            else
            {
                result.Append(' ');
            }

            result.Append(width);
            next = cid + 1;
        }

        return next < 0 ? "" : result.Append(']').ToString();
    }

    [GeneratedRegex(@"/Length1\s+\d+")]
    private static partial Regex FontProgram();

    [GeneratedRegex(@"/Filter\b")]
    private static partial Regex AnyFilter();

    [GeneratedRegex(@"/Subtype\s*/CIDFontType2\b")]
    private static partial Regex CidFontType2();

    [GeneratedRegex(@"/W\s*\[((?>\s*(?>-?[\d.]+|\[[^\]]*\]))*)\s*\]")]
    private static partial Regex WidthArray();

    [GeneratedRegex(@"/DW\s+([\d.]+)")]
    private static partial Regex DefaultWidth();

    [GeneratedRegex(@"\[|\]|-?[\d.]+")]
    private static partial Regex WidthToken();
}
