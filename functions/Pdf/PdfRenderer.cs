using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace VillageReports.Pdf;

/// <summary>
/// What the caller says about a document: its information entries (<see cref="Created"/> from the caller's clock;
/// <see cref="Creator"/> names the application), its language as a BCP 47 tag, and its page.
/// </summary>
public sealed record DocumentSettings(string Title, string Author, string Subject, DateTimeOffset Created, string Creator, string Language, PageSetup Page);

/// <summary>Renders an element tree to PDF bytes: the caller's pages, embedded subset fonts, and byte-identical output for the same inputs.</summary>
public static partial class PdfRenderer
{
    public static byte[] Render(Element body, DocumentSettings metadata)
    {
        ReportFonts.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Title = metadata.Title;
        document.Info.Author = metadata.Author;
        document.Info.Subject = metadata.Subject;
        document.Info.Creator = metadata.Creator;
        document.Info.CreationDate = metadata.Created.UtcDateTime;
        document.Info.ModificationDate = metadata.Created.UtcDateTime;
        document.Options.CompressContentStreams = true;
        // Only the subset font programs: SubsetFonts compacts them and deflates them once, instead of PDFsharp deflating
        // them first and SubsetFonts inflating and deflating them again.
        document.Options.NoCompression = true;
        document.Language = metadata.Language;
        var seed = Seed(metadata);
        document.Internals.FirstDocumentID = Convert.ToHexString(seed, 0, 16);
        document.Internals.SecondDocumentID = Convert.ToHexString(seed, 0, 16);

        DocumentRenderer.Render(body, metadata.Page, new PdfPageSink(document));

        // Sized for what PDFsharp writes (its font programs plain, ~300 KB a face): one buffer, not a dozen doublings.
        using var output = new MemoryStream(SaveCapacity);
        document.Save(output, closeStream: false);
        // Fonts first: PDFsharp's file carries its font programs plain (~300 KB a face), the compacted one a tenth of that.
        return MakeDeterministic(PdfObjects.Rewrite(output.ToArray(), static o => SubsetFonts.Compact(o) ?? FlateStreams.Complete(o)), seed);
    }

    private const int SaveCapacity = 2 * 1024 * 1024;

    private static byte[] Seed(DocumentSettings metadata) =>
        SHA256.HashData(Encoding.UTF8.GetBytes($"{metadata.Title}\n{metadata.Author}\n{metadata.Subject}\n{metadata.Created:O}"));

    /// <summary>
    /// PDFsharp names font subsets and XMP identifiers at random. Each is fixed-length ASCII, so replacing it with a
    /// value derived from the document leaves every byte offset (and so the cross-reference table) valid; the bytes are
    /// replaced where they lie, one name after another, as a text replaced name by name would read.
    /// </summary>
    private static byte[] MakeDeterministic(byte[] pdf, byte[] seed)
    {
        // Found in the text once: a replaced prefix (upper case) can neither make nor break an identifier (lower case hex).
        var text = Encoding.Latin1.GetString(pdf);
        var prefixes = SubsetPrefix().Matches(text).Select(m => m.Groups[1].Value).Distinct().ToList();
        var uuids = XmpUuid().Matches(text).Select(m => m.Value).Distinct().ToList();
        for (var i = 0; i < prefixes.Count; i++)
        {
            var letters = new string(SHA256.HashData([.. seed, (byte)i]).Take(6).Select(b => (char)('A' + (b % 26))).ToArray());
            ReplaceAll(pdf, prefixes[i] + "+", letters + "+");
        }

        for (var i = 0; i < uuids.Count; i++)
        {
            var bytes = SHA256.HashData([.. seed, 0xFF, (byte)i]).AsSpan(0, 16).ToArray();
            ReplaceAll(pdf, uuids[i], "uuid:" + new Guid(bytes).ToString("D"));
        }

        return pdf;
    }

    /// <summary>Every occurrence of <paramref name="from"/>, left to right, overwritten with <paramref name="to"/> of the same length.</summary>
    private static void ReplaceAll(Span<byte> pdf, string from, string to)
    {
        var (pattern, replacement) = (Encoding.Latin1.GetBytes(from), Encoding.Latin1.GetBytes(to));
        for (var at = pdf.IndexOf(pattern); at >= 0;)
        {
            replacement.CopyTo(pdf[at..]);
            var next = pdf[(at + pattern.Length)..].IndexOf(pattern);
            at = next < 0 ? -1 : at + pattern.Length + next;
        }
    }

    [GeneratedRegex(@"/(?:BaseFont|FontName)/([A-Z]{6})\+")]
    private static partial Regex SubsetPrefix();

    [GeneratedRegex("uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex XmpUuid();

    private sealed class PdfPageSink(PdfDocument document) : IPageSink
    {
        private XGraphics? _graphics;

        public ICanvas BeginPage(PageSetup page)
        {
            var pdfPage = document.AddPage();
            pdfPage.Width = XUnit.FromPoint(page.Width);
            pdfPage.Height = XUnit.FromPoint(page.Height);
            _graphics = XGraphics.FromPdfPage(pdfPage);
            return new PdfCanvas(_graphics);
        }

        public void EndPage()
        {
            _graphics?.Dispose();
            _graphics = null;
        }
    }
}

/// <summary>
/// The canvas over PDFsharp's XGraphics. Translations are applied here rather than as PDF transforms, so the text
/// state (character spacing) set around a string is never reset by a graphics-state change in between.
/// </summary>
public sealed class PdfCanvas(XGraphics graphics) : ICanvas
{
    private double _dx, _dy;

    public void Translate(double dx, double dy)
    {
        _dx += dx;
        _dy += dy;
    }

    public void DrawText(string text, TextStyle style, double x, double baseline, double characterSpacing = 0)
    {
        var content = characterSpacing == 0 ? null : graphics.Internals.ContentStringBuilder;
        content?.Append(CultureInfo.InvariantCulture, $"{characterSpacing:0.####} Tc\n");
        graphics.DrawString(text, ReportFonts.Font(style), new XSolidBrush(Color(style.Color)), _dx + x, _dy + baseline, XStringFormats.BaseLineLeft);
        content?.Append("0 Tc\n");
    }

    public void DrawLine(double x1, double y1, double x2, double y2, double width, Rgb color) =>
        graphics.DrawLine(new XPen(Color(color), width), _dx + x1, _dy + y1, _dx + x2, _dy + y2);

    public void FillRectangle(double x, double y, double width, double height, Rgb color) =>
        graphics.DrawRectangle(new XSolidBrush(Color(color)), _dx + x, _dy + y, width, height);

    public void DrawPolyline(IReadOnlyList<(double X, double Y)> points, double width, Rgb color) =>
        graphics.DrawLines(new XPen(Color(color), width) { LineJoin = XLineJoin.Round }, points.Select(p => new XPoint(_dx + p.X, _dy + p.Y)).ToArray());

    public void DrawDashedLine(double x1, double y1, double x2, double y2, double width, Rgb color, double dash) =>
        graphics.DrawLine(new XPen(Color(color), width) { DashStyle = XDashStyle.Custom, DashPattern = [dash / width, dash / width] }, _dx + x1, _dy + y1, _dx + x2, _dy + y2);

    private static XColor Color(Rgb c) => XColor.FromArgb(c.R, c.G, c.B);
}
