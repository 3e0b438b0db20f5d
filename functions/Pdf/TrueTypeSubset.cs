using System.Buffers.Binary;

namespace VillageReports.Pdf;

/// <summary>
/// A TrueType subset as PDFsharp 6.2.4 embeds it: it keeps every glyph index of the source font (30,000 and more for a
/// CJK face) so that glyph ids need no renumbering; unused glyphs have empty outlines (their <c>loca</c> entries repeat
/// and compress to almost nothing) but <c>hmtx</c> keeps every glyph's real advance and side bearing, which is
/// the bulk of the deflated font (~31 KB a face). A PDF viewer takes advances from the CIDFont's <c>W</c> array,
/// and a side bearing matters only for an outline that is drawn, so the metrics of glyphs without an outline are
/// set to zero: the table keeps its size and every glyph id, and deflates to a few hundred bytes.
/// </summary>
public static class TrueTypeSubset
{
    /// <summary>
    /// A copy of the font with the horizontal metrics of every outline-less glyph but <c>.notdef</c> set to zero (but
    /// the advance of the last long metric, which the glyphs after it share), and its checksums made right.
    /// </summary>
    public static byte[] ClearUnusedMetrics(ReadOnlySpan<byte> font)
    {
        var result = font.ToArray();
        var tables = Tables(result);
        var numGlyphs = BinaryPrimitives.ReadUInt16BigEndian(Table(result, tables, "maxp")[4..]);
        var longMetrics = BinaryPrimitives.ReadUInt16BigEndian(Table(result, tables, "hhea")[34..]);
        var longLoca = BinaryPrimitives.ReadInt16BigEndian(Table(result, tables, "head")[50..]) == 1;
        var loca = Table(result, tables, "loca");
        var hmtx = Table(result, tables, "hmtx");
        if (hmtx.Length < (4 * longMetrics) + (2 * (numGlyphs - longMetrics)) || loca.Length < (longLoca ? 4 : 2) * (numGlyphs + 1))
        {
            throw new InvalidDataException("The font's hmtx or loca table is shorter than its glyph count says.");
        }

        for (var glyph = 1; glyph < numGlyphs; glyph++)
        {
            if (Offset(loca, glyph + 1, longLoca) > Offset(loca, glyph, longLoca))
            {
                continue;
            }

            if (glyph < longMetrics)
            {
                // The last long metric's advance is also the advance of every glyph after it, which may be drawn.
                hmtx.Slice(glyph == longMetrics - 1 ? (4 * glyph) + 2 : 4 * glyph, glyph == longMetrics - 1 ? 2 : 4).Clear();
            }
            else
            {
                hmtx.Slice((4 * longMetrics) + (2 * (glyph - longMetrics)), 2).Clear();
            }
        }

        FixChecksums(result, tables);
        return result;
    }

    private static uint Offset(Span<byte> loca, int glyph, bool longLoca) =>
        longLoca ? BinaryPrimitives.ReadUInt32BigEndian(loca[(4 * glyph)..]) : 2u * BinaryPrimitives.ReadUInt16BigEndian(loca[(2 * glyph)..]);

    private static Dictionary<string, (int Record, int Offset, int Length)> Tables(byte[] font)
    {
        var count = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4));
        var tables = new Dictionary<string, (int, int, int)>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var record = 12 + (16 * i);
            var tag = System.Text.Encoding.ASCII.GetString(font, record, 4);
            var offset = checked((int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(record + 8)));
            var length = checked((int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(record + 12)));
            if (offset + length > font.Length)
            {
                throw new InvalidDataException($"The font's {tag} table runs past its end.");
            }

            tables[tag] = (record, offset, length);
        }

        return tables;
    }

    private static Span<byte> Table(byte[] font, Dictionary<string, (int Record, int Offset, int Length)> tables, string tag) =>
        tables.TryGetValue(tag, out var table)
            ? font.AsSpan(table.Offset, table.Length)
            : throw new InvalidDataException($"The font has no {tag} table.");

    /// <summary>Each table's checksum in the directory, then <c>head.checkSumAdjustment</c> over the whole font, as the OpenType spec defines them.</summary>
    private static void FixChecksums(byte[] font, Dictionary<string, (int Record, int Offset, int Length)> tables)
    {
        var head = tables["head"];
        BinaryPrimitives.WriteUInt32BigEndian(font.AsSpan(head.Offset + 8), 0);
        foreach (var (record, offset, length) in tables.Values)
        {
            BinaryPrimitives.WriteUInt32BigEndian(font.AsSpan(record + 4), Checksum(font.AsSpan(offset, length)));
        }

        BinaryPrimitives.WriteUInt32BigEndian(font.AsSpan(head.Offset + 8), unchecked(0xB1B0AFBA - Checksum(font)));
    }

    private static uint Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        var whole = data.Length & ~3;
        for (var i = 0; i < whole; i += 4)
        {
            sum = unchecked(sum + BinaryPrimitives.ReadUInt32BigEndian(data[i..]));
        }

        if (whole < data.Length)
        {
            Span<byte> last = stackalloc byte[4];
            data[whole..].CopyTo(last);
            sum = unchecked(sum + BinaryPrimitives.ReadUInt32BigEndian(last));
        }

        return sum;
    }
}
