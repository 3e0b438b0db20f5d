using System.Buffers.Binary;
using System.Text;
using VillageReports.Pdf;

namespace VillageReports.Tests.Pdf;

/// <summary>A hand-made TrueType font with five glyphs, as PDFsharp leaves a subset: some glyphs with outlines, the others empty.</summary>
public class TrueTypeSubsetTests
{
    // Glyph 0 (.notdef) and 3 have no outline; 1, 2 and 4 do. Three long metrics: glyphs 3 and 4 have a side bearing only.
    private static readonly int[] OutlineLengths = [0, 12, 20, 0, 8];
    private const int LongMetrics = 3;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Glyphs_without_an_outline_lose_their_metrics_and_the_others_keep_theirs(bool longLoca)
    {
        var font = Font(longLoca);

        var result = TrueTypeSubset.ClearUnusedMetrics(font);

        var hmtx = Table(result, "hmtx");
        Assert.Equal((500, 10), LongMetric(hmtx, 0)); // .notdef is kept: a viewer draws it for a missing glyph
        Assert.Equal((501, 11), LongMetric(hmtx, 1));
        Assert.Equal((502, 12), LongMetric(hmtx, 2));
        Assert.Equal(0, SideBearing(hmtx, 3));
        Assert.Equal(14, SideBearing(hmtx, 4));
    }

    [Fact]
    public void An_empty_glyph_among_the_long_metrics_loses_its_advance_and_side_bearing()
    {
        int[] lengths = [8, 0, 12, 0, 8];

        var result = TrueTypeSubset.ClearUnusedMetrics(Font(true, lengths));

        Assert.Equal((0, 0), LongMetric(Table(result, "hmtx"), 1));
        Assert.Equal((502, 12), LongMetric(Table(result, "hmtx"), 2));
    }

    [Fact]
    public void The_last_long_metric_keeps_its_advance_which_the_glyphs_after_it_share()
    {
        int[] lengths = [8, 12, 0, 0, 8];

        var result = TrueTypeSubset.ClearUnusedMetrics(Font(true, lengths));

        Assert.Equal((502, 0), LongMetric(Table(result, "hmtx"), 2));
        Assert.Equal(14, SideBearing(Table(result, "hmtx"), 4));
    }

    [Fact]
    public void Every_glyph_id_and_every_other_table_stay_as_they_were()
    {
        var font = Font(true);

        var result = TrueTypeSubset.ClearUnusedMetrics(font);

        Assert.Equal(font.Length, result.Length);
        foreach (var tag in new[] { "glyf", "loca", "maxp", "hhea" })
        {
            Assert.Equal(Table(font, tag), Table(result, tag));
        }
    }

    [Fact]
    public void The_table_checksums_and_the_whole_font_checksum_are_right_after_the_change()
    {
        var result = TrueTypeSubset.ClearUnusedMetrics(Font(true));

        AssertChecksumsRight(result);
    }

    [Theory]
    [InlineData("hmtx")]
    [InlineData("loca")]
    public void A_metrics_or_glyph_location_table_shorter_than_the_glyph_count_is_refused(string tag)
    {
        // Only this table falls two bytes short of what maxp's glyph count needs; the other stays whole.
        var font = Font(true);
        var length = font.AsSpan(Record(font, tag) + 12, 4);
        BinaryPrimitives.WriteUInt32BigEndian(length, BinaryPrimitives.ReadUInt32BigEndian(length) - 2);

        Assert.Throws<InvalidDataException>(() => TrueTypeSubset.ClearUnusedMetrics(font));
    }

    /// <summary>Each directory checksum is the sum of its table; the whole font sums to 0xB1B0AFBA (OpenType, "Calculating checksums").</summary>
    internal static void AssertChecksumsRight(byte[] font)
    {
        var count = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4));
        for (var i = 0; i < count; i++)
        {
            var record = font.AsSpan(12 + (16 * i), 16);
            var tag = Encoding.ASCII.GetString(record[..4]);
            var table = font.AsSpan((int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]), (int)BinaryPrimitives.ReadUInt32BigEndian(record[12..])).ToArray();
            if (tag == "head")
            {
                table.AsSpan(8, 4).Clear();
            }

            Assert.True(Sum(table) == BinaryPrimitives.ReadUInt32BigEndian(record[4..]), $"checksum of {tag}");
        }

        Assert.Equal(0xB1B0AFBAu, Sum(font));
    }

    private static uint Sum(byte[] data)
    {
        var padded = new byte[(data.Length + 3) & ~3];
        data.CopyTo(padded, 0);
        uint sum = 0;
        for (var i = 0; i < padded.Length; i += 4)
        {
            sum = unchecked(sum + BinaryPrimitives.ReadUInt32BigEndian(padded.AsSpan(i)));
        }

        return sum;
    }

    private static (int Advance, int SideBearing) LongMetric(byte[] hmtx, int glyph) =>
        (BinaryPrimitives.ReadUInt16BigEndian(hmtx.AsSpan(4 * glyph)), BinaryPrimitives.ReadInt16BigEndian(hmtx.AsSpan((4 * glyph) + 2)));

    private static int SideBearing(byte[] hmtx, int glyph) => BinaryPrimitives.ReadInt16BigEndian(hmtx.AsSpan((4 * LongMetrics) + (2 * (glyph - LongMetrics))));

    /// <summary>Where the table's 16-byte record lies in the font's table directory.</summary>
    private static int Record(byte[] font, string tag)
    {
        var count = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4));
        for (var i = 0; i < count; i++)
        {
            if (Encoding.ASCII.GetString(font, 12 + (16 * i), 4) == tag)
            {
                return 12 + (16 * i);
            }
        }

        throw new KeyNotFoundException(tag);
    }

    private static int TableOffset(byte[] font, string tag) => (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(Record(font, tag) + 8));

    private static byte[] Table(byte[] font, string tag) =>
        font.AsSpan(TableOffset(font, tag), (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(Record(font, tag) + 12))).ToArray();

    /// <summary>
    /// A minimal font: head, hhea, maxp, loca, hmtx and glyf; glyph g has advance 500 + g and side bearing 10 + g, and
    /// an "outline" of <paramref name="outlineLengths"/>[g] bytes (enough for loca; nothing draws it).
    /// </summary>
    private static byte[] Font(bool longLoca, int[]? outlineLengths = null)
    {
        var lengths = outlineLengths ?? OutlineLengths;
        var glyphs = lengths.Length;
        var glyf = new byte[lengths.Sum()];
        Random.Shared.NextBytes(glyf);
        var loca = new byte[(longLoca ? 4 : 2) * (glyphs + 1)];
        for (var g = 0; g <= glyphs; g++)
        {
            var offset = lengths.Take(g).Sum();
            if (longLoca)
            {
                BinaryPrimitives.WriteUInt32BigEndian(loca.AsSpan(4 * g), (uint)offset);
            }
            else
            {
                BinaryPrimitives.WriteUInt16BigEndian(loca.AsSpan(2 * g), (ushort)(offset / 2));
            }
        }

        var hmtx = new byte[(4 * LongMetrics) + (2 * (glyphs - LongMetrics))];
        for (var g = 0; g < glyphs; g++)
        {
            if (g < LongMetrics)
            {
                BinaryPrimitives.WriteUInt16BigEndian(hmtx.AsSpan(4 * g), (ushort)(500 + g));
                BinaryPrimitives.WriteInt16BigEndian(hmtx.AsSpan((4 * g) + 2), (short)(10 + g));
            }
            else
            {
                BinaryPrimitives.WriteInt16BigEndian(hmtx.AsSpan((4 * LongMetrics) + (2 * (g - LongMetrics))), (short)(10 + g));
            }
        }

        var head = new byte[54];
        BinaryPrimitives.WriteUInt32BigEndian(head.AsSpan(12), 0x5F0F3CF5);
        BinaryPrimitives.WriteUInt16BigEndian(head.AsSpan(18), 1000);
        BinaryPrimitives.WriteInt16BigEndian(head.AsSpan(50), (short)(longLoca ? 1 : 0));
        var hhea = new byte[36];
        BinaryPrimitives.WriteUInt16BigEndian(hhea.AsSpan(34), LongMetrics);
        var maxp = new byte[6];
        BinaryPrimitives.WriteUInt32BigEndian(maxp, 0x00005000);
        BinaryPrimitives.WriteUInt16BigEndian(maxp.AsSpan(4), (ushort)glyphs);

        (string Tag, byte[] Data)[] tables = [("glyf", glyf), ("head", head), ("hhea", hhea), ("hmtx", hmtx), ("loca", loca), ("maxp", maxp)];
        var font = new MemoryStream();
        var directory = new byte[12 + (16 * tables.Length)];
        BinaryPrimitives.WriteUInt32BigEndian(directory, 0x00010000);
        BinaryPrimitives.WriteUInt16BigEndian(directory.AsSpan(4), (ushort)tables.Length);
        font.Write(directory);
        for (var i = 0; i < tables.Length; i++)
        {
            var record = directory.AsSpan(12 + (16 * i));
            Encoding.ASCII.GetBytes(tables[i].Tag, record);
            BinaryPrimitives.WriteUInt32BigEndian(record[8..], (uint)font.Position);
            BinaryPrimitives.WriteUInt32BigEndian(record[12..], (uint)tables[i].Data.Length);
            font.Write(tables[i].Data);
            font.Write(new byte[(4 - (tables[i].Data.Length % 4)) % 4]);
        }

        var bytes = font.ToArray();
        directory.CopyTo(bytes, 0);
        return bytes;
    }
}
