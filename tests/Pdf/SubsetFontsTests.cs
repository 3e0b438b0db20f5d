using System.Buffers.Binary;
using System.Text.Json;
using UglyToad.PdfPig;
using VillageReports.Pdf;

namespace VillageReports.Tests.Pdf;

/// <summary>The fonts of a rendered PDF, read back object by object with qpdf (a reader of its own) and PdfPig.</summary>
public class SubsetFontsTests
{
    private static readonly Lazy<byte[]> Sample = new(() => PdfRenderer.Render(SampleDocument.Build(), SampleDocument.Metadata));
    private static readonly Lazy<PdfObjectsRead> Objects = new(() => PdfObjectsRead.Of(Sample.Value));

    [Fact]
    public void Each_face_is_embedded_once_and_every_page_uses_the_same_font_objects()
    {
        var fonts = Objects.Value.WithValue("/Subtype", "/Type0").ToList();
        var programs = Objects.Value.WithKey("/FontFile2").Select(d => d.GetProperty("/FontFile2").GetString()).ToList();
        var used = Objects.Value.WithValue("/Type", "/Page").Select(PageFonts).ToList();

        Assert.Equal(4, fonts.Count);
        Assert.Equal(fonts.Count, fonts.Select(f => f.Value.GetProperty("/BaseFont").GetString()![7..]).Distinct().Count());
        Assert.Equal(fonts.Count, programs.Distinct().Count());
        Assert.Equal(programs.Count, programs.Distinct().Count());
        Assert.True(used.Count >= 3);
        Assert.All(used, page => Assert.Subset(fonts.Select(f => f.Reference).ToHashSet(), page));
        Assert.Contains(fonts, f => used.Count(page => page.Contains(f.Reference)) == used.Count);
    }

    [Fact]
    public void Each_font_program_is_a_subset_whose_empty_glyphs_carry_no_metrics()
    {
        var programs = Objects.Value.Streams().Where(s => s.Dictionary.TryGetProperty("/Length1", out _)).ToList();

        Assert.Equal(4, programs.Count);
        Assert.All(programs, program =>
        {
            var font = program.Data;
            var glyphs = Glyphs(font).ToList();
            Assert.InRange(glyphs.Count(g => g.HasOutline), 10, 1000);
            Assert.All(glyphs.Where(g => g.Id > 0 && !g.HasOutline && !g.SharedAdvance), g => Assert.Equal((0, 0), (g.Advance, g.SideBearing)));
            Assert.All(glyphs.Where(g => g.Id > 0 && !g.HasOutline), g => Assert.Equal(0, g.SideBearing));
            Assert.All(glyphs.Where(g => g.HasOutline), g => Assert.True(g.Advance > 0, $"glyph {g.Id} has an outline and no advance"));
            TrueTypeSubsetTests.AssertChecksumsRight(font);
        });
    }

    [Fact]
    public void Each_font_program_is_stored_deflated_with_its_decoded_length_in_Length1()
    {
        var decoded = Objects.Value.Streams().Where(s => s.Dictionary.TryGetProperty("/Length1", out _)).ToDictionary(s => s.Reference);
        var stored = PdfObjectsRead.Of(Sample.Value, decode: false).Streams().Where(s => s.Dictionary.TryGetProperty("/Length1", out _)).ToList();

        Assert.Equal(4, stored.Count);
        Assert.All(stored, program =>
        {
            Assert.Equal("/FlateDecode", program.Dictionary.GetProperty("/Filter").GetString());
            Assert.Equal(decoded[program.Reference].Data.Length, program.Dictionary.GetProperty("/Length1").GetInt32());
            Assert.True(program.Data.Length < decoded[program.Reference].Data.Length / 3, $"{program.Reference}: {program.Data.Length} bytes stored");
        });
    }

    [Fact]
    public void The_widths_arrays_leave_out_the_default_width_of_1000()
    {
        var cidFonts = Objects.Value.WithValue("/Subtype", "/CIDFontType2").ToList();

        Assert.Equal(4, cidFonts.Count);
        Assert.All(cidFonts, font =>
        {
            Assert.False(font.Value.TryGetProperty("/DW", out _));
            var widths = Flatten(font.Value.GetProperty("/W")).ToList();
            Assert.NotEmpty(widths);
            Assert.DoesNotContain(1000, widths.Where((_, i) => i % 2 == 1));
        });
    }

    [Fact]
    public void An_ideograph_still_advances_a_full_em_and_a_digit_its_own_width()
    {
        using var pdf = PdfDocument.Open(Sample.Value);

        var letters = pdf.GetPage(1).Letters.Where(l => l.Value.Length == 1).ToList();

        var ideographs = letters.Where(l => l.Value[0] is >= '\u4E00' and <= '\u9FFF').ToList();
        var digits = letters.Where(l => char.IsAsciiDigit(l.Value[0])).ToList();
        Assert.NotEmpty(ideographs);
        Assert.NotEmpty(digits);
        Assert.All(ideographs, l => Assert.Equal(l.PointSize, l.EndBaseLine.X - l.StartBaseLine.X, 2));
        Assert.All(digits, l => Assert.InRange((l.EndBaseLine.X - l.StartBaseLine.X) / l.PointSize, 0.4, 0.7));
    }

    [Fact]
    public void PdfPig_letters_spell_the_opening_paragraph_through_the_ToUnicode_maps()
    {
        using var pdf = PdfDocument.Open(Sample.Value);

        var page = string.Concat(pdf.GetPage(1).Letters.Select(l => l.Value));

        Assert.Contains(SampleDocument.Opening, page, StringComparison.Ordinal);
    }

    private static HashSet<string> PageFonts(PdfObjectsRead.Entry page)
    {
        var resources = Objects.Value.Resolve(page.Value.GetProperty("/Resources"));
        return Objects.Value.Resolve(resources.GetProperty("/Font")).EnumerateObject().Select(f => f.Value.GetString()!).ToHashSet();
    }

    private static IEnumerable<int> Flatten(JsonElement array) =>
        array.EnumerateArray().SelectMany(e => e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().Select(w => w.GetInt32()) : [e.GetInt32()]);

    /// <summary>A glyph's metrics; <see cref="SharedAdvance"/> when its advance is the last long metric's, which the glyphs after it use.</summary>
    private sealed record Glyph(int Id, bool HasOutline, int Advance, int SideBearing, bool SharedAdvance);

    private static IEnumerable<Glyph> Glyphs(byte[] font)
    {
        var count = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4));
        var tables = Enumerable.Range(0, count).ToDictionary(
            i => System.Text.Encoding.ASCII.GetString(font, 12 + (16 * i), 4),
            i => (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(12 + (16 * i) + 8)));
        var glyphs = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(tables["maxp"] + 4));
        var longMetrics = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(tables["hhea"] + 34));
        var longLoca = BinaryPrimitives.ReadInt16BigEndian(font.AsSpan(tables["head"] + 50)) == 1;
        uint Offset(int g) => longLoca
            ? BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(tables["loca"] + (4 * g)))
            : 2u * BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(tables["loca"] + (2 * g)));
        var hmtx = tables["hmtx"];
        for (var g = 0; g < glyphs; g++)
        {
            var advance = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(hmtx + (4 * Math.Min(g, longMetrics - 1))));
            var sideBearing = g < longMetrics
                ? BinaryPrimitives.ReadInt16BigEndian(font.AsSpan(hmtx + (4 * g) + 2))
                : BinaryPrimitives.ReadInt16BigEndian(font.AsSpan(hmtx + (4 * longMetrics) + (2 * (g - longMetrics))));
            yield return new Glyph(g, Offset(g + 1) > Offset(g), advance, sideBearing, g >= longMetrics - 1);
        }
    }
}

/// <summary>Every object of a PDF as qpdf reads it (<c>qpdf --json-output</c>), streams decoded.</summary>
internal sealed class PdfObjectsRead(JsonElement objects)
{
    internal sealed record Entry(string Reference, JsonElement Value);

    internal sealed record Stream(string Reference, JsonElement Dictionary, byte[] Data);

    /// <summary>The objects, each stream's data decoded (and its filter gone from its dictionary) unless <paramref name="decode"/> is false.</summary>
    public static PdfObjectsRead Of(byte[] pdf, bool decode = true)
    {
        var (code, output, error) = PdfRendererTests.Run("qpdf", pdf, path => ["--json-output", "--json-stream-data=inline", decode ? "--decode-level=generalized" : "--decode-level=none", path, "-"]);
        Assert.True(code == 0, $"qpdf --json-output failed: {error}");
        return new PdfObjectsRead(JsonDocument.Parse(output).RootElement.GetProperty("qpdf")[1].Clone());
    }

    /// <summary>Dictionaries (not streams) with the key set to the name.</summary>
    public IEnumerable<Entry> WithValue(string key, string name) =>
        Dictionaries().Where(d => d.Value.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() == name);

    public IEnumerable<JsonElement> WithKey(string key) => Dictionaries().Where(d => d.Value.TryGetProperty(key, out _)).Select(d => d.Value);

    public IEnumerable<Stream> Streams() =>
        objects.EnumerateObject()
            .Where(o => o.Value.TryGetProperty("stream", out _))
            .Select(o => new Stream(Reference(o.Name), o.Value.GetProperty("stream").GetProperty("dict"), Convert.FromBase64String(o.Value.GetProperty("stream").GetProperty("data").GetString()!)));

    /// <summary>The value itself, or the object an indirect reference names.</summary>
    public JsonElement Resolve(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && value.GetString()!.EndsWith(" R", StringComparison.Ordinal)
            ? objects.GetProperty("obj:" + value.GetString()).GetProperty("value")
            : value;

    private IEnumerable<Entry> Dictionaries() =>
        objects.EnumerateObject()
            .Where(o => o.Value.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Object)
            .Select(o => new Entry(Reference(o.Name), o.Value.GetProperty("value")));

    private static string Reference(string name) => name["obj:".Length..];
}
