using System.Security.Cryptography;
using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using VillageReports.Pdf;
using VillageReports.SignIn;
using VillageReports.Tests.Pdf;
using ZXing;
using ZXing.Common;

namespace VillageReports.Tests.SignIn;

/// <summary>The sign-in sheet as printed: real PDF bytes read back as text, and its QR codes decoded from the rendered page as a phone would.</summary>
public class SignInSheetDocumentTests
{
    private const double Dpi = 150;
    private static readonly DateOnly Date = new(2026, 11, 26);

    /// <summary>Twelve villages with links as the app makes them: a long host, the unit's code and a 43-character secret.</summary>
    public static readonly IReadOnlyList<SignInCard> Cards = SampleDocument.Villages
        .Select((name, i) => (Name: name, Code: $"1301231002{i + 1:D2}"))
        .Select(v => new SignInCard(v.Name, $"https://func-village-reports-qs7x2.azurewebsites.net/#token=vr1.{v.Code}.{Secret(v.Code)}"))
        .ToList();

    private static readonly Lazy<byte[]> Sheet = new(() => SignInSheetDocument.Render("青山镇", Cards, Date));

    private static string Secret(string code) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(code))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Fact]
    public void Every_village_name_and_its_whole_link_read_back_as_text()
    {
        using var pdf = PdfDocument.Open(Sheet.Value);

        var text = Squeeze(string.Concat(pdf.GetPages().SelectMany(p => p.Letters).Select(l => l.Value)));

        Assert.Equal(43, Secret("130123100201").Length);
        Assert.Contains("青山镇村级填报登录卡", text, StringComparison.Ordinal);
        Assert.All(Cards, card =>
        {
            Assert.Contains(card.VillageName, text, StringComparison.Ordinal);
            Assert.Contains(card.Link, text, StringComparison.Ordinal);
        });
        Assert.Equal(Cards.Count, CountOf(text, Squeeze(SignInSheetDocument.Instructions)));
        Assert.Equal(Cards.Count, CountOf(text, "发放日期：2026年11月26日"));
    }

    [Fact]
    public void Twelve_cards_fill_two_pages_six_to_a_page_each_with_name_code_and_link()
    {
        using var pdf = PdfDocument.Open(Sheet.Value);

        Assert.Equal(2, pdf.NumberOfPages);
        for (var page = 1; page <= 2; page++)
        {
            var text = Squeeze(string.Concat(pdf.GetPage(page).Letters.Select(l => l.Value)));
            var expected = Cards.Skip((page - 1) * 6).Take(6).ToList();
            Assert.All(expected, card => Assert.Contains(card.VillageName + Squeeze(card.Link), text, StringComparison.Ordinal));
            Assert.DoesNotContain("—", text, StringComparison.Ordinal); // no page numbers on a sheet that is cut up
        }
    }

    [Fact]
    public void Every_qr_code_on_the_page_decodes_to_the_link_on_its_own_card()
    {
        using var pdf = PdfDocument.Open(Sheet.Value);
        for (var page = 1; page <= pdf.NumberOfPages; page++)
        {
            var image = Render(Sheet.Value, page);
            var onPage = Cards.Skip((page - 1) * 6).Take(6).ToList();

            foreach (var card in onPage)
            {
                var (left, top) = CardOrigin(pdf.GetPage(page), card.VillageName);
                var decoded = Decode(image.Crop(left, top, SignInSheetDocument.Page.Content.Width / SignInSheetDocument.Columns, SignInSheetDocument.RowHeight));

                Assert.True(decoded == card.Link, $"page {page}, {card.VillageName}: decoded '{decoded}', expected '{card.Link}'");
            }

            Assert.Equal(onPage.Count, DecodeAll(image).Count);
        }
    }

    [Fact]
    public void The_sheet_passes_qpdf_and_mupdf_checks()
    {
        PdfRendererTests.AssertValid(Sheet.Value);
    }

    [Fact]
    public void The_same_inputs_give_byte_identical_files_and_another_day_another_file()
    {
        var again = SignInSheetDocument.Render("青山镇", Cards, Date);
        var nextDay = SignInSheetDocument.Render("青山镇", Cards, Date.AddDays(1));

        Assert.Equal(Sheet.Value, again);
        Assert.NotEqual(Sheet.Value, nextDay);
        using var pdf = PdfDocument.Open(Sheet.Value);
        Assert.Equal("青山镇村级填报登录卡", pdf.Information.Title);
        Assert.Equal("青山镇", pdf.Information.Author);
        Assert.StartsWith("D:20261125160000", pdf.Information.CreationDate, StringComparison.Ordinal); // 0:00 on the 26th in China
    }

    [Fact]
    public void A_sheet_of_twelve_cards_stays_under_150_KiB()
    {
        // ~118 KiB: two subset faces (~80 KB) and ~15 KB of QR squares a page.
        Assert.True(Sheet.Value.Length < 150 * 1024, $"{Sheet.Value.Length / 1024.0:0.0} KiB");
    }

    [Fact]
    public void A_link_breaks_into_lines_that_fit_and_join_back_to_the_link()
    {
        var style = new TextStyle(ReportFonts.Sans, 7);
        var link = Cards[0].Link;

        var lines = SignInSheetDocument.BreakLink(link, style, 120);

        Assert.True(lines.Count >= 3, string.Join(" | ", lines));
        Assert.Equal(link, string.Concat(lines));
        Assert.All(lines, line => Assert.True(ReportFonts.Width(line, style) <= 120, line));
        Assert.Contains(lines[0][^1], "/#=.?&"); // a line ends at a natural break when one is near
    }

    [Fact]
    public void A_long_village_name_is_set_smaller_and_the_card_still_fits()
    {
        IReadOnlyList<SignInCard> cards = [new("新疆生产建设兵团第一师阿拉尔村", Cards[0].Link), Cards[1]];

        var (body, settings) = SignInSheetDocument.Compose("青山镇", cards, Date);
        var (sink, pages) = RecordingSink.Render(body, settings.Page);

        Assert.Equal(1, pages);
        var name = sink.Texts.Single(t => t.Text == cards[0].VillageName);
        Assert.True(name.Style.Size < 18, $"{name.Style.Size} pt");
        Assert.True(name.Right <= settings.Page.Left + (settings.Page.Content.Width / 2), "the name stays inside its card");
    }

    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    /// <summary>The top left of the card whose name this is, in points from the page's top left: the name is centred at its top.</summary>
    private static (double Left, double Top) CardOrigin(Page page, string name)
    {
        var letters = page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).ToList();
        var text = string.Concat(letters.Select(l => l.Value));
        var at = text.IndexOf(name, StringComparison.Ordinal);
        Assert.True(at >= 0, $"{name} not on the page");
        var first = letters[at].BoundingBox;
        var last = letters[at + name.Length - 1].BoundingBox;
        var centre = (first.Left + last.Right) / 2;
        var cellWidth = SignInSheetDocument.Page.Content.Width / SignInSheetDocument.Columns;
        var column = (int)Math.Floor((centre - SignInSheetDocument.Page.Left) / cellWidth);
        return (SignInSheetDocument.Page.Left + (column * cellWidth), page.Height - first.Top - 12);
    }

    private static string? Decode(GrayImage image)
    {
        var reader = new BarcodeReaderGeneric { AutoRotate = false, Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.QR_CODE], TryHarder = true } };
        return reader.Decode(image.Luminance())?.Text;
    }

    private static List<string> DecodeAll(GrayImage image)
    {
        var reader = new BarcodeReaderGeneric { AutoRotate = false, Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.QR_CODE], TryHarder = true } };
        return reader.DecodeMultiple(image.Luminance())?.Select(r => r.Text).ToList() ?? [];
    }

    /// <summary>The page as poppler prints it in grey at <see cref="Dpi"/>: <c>pdftoppm -gray</c>, read from its PGM.</summary>
    private static GrayImage Render(byte[] pdf, int page)
    {
        var output = Path.Combine(Path.GetTempPath(), $"vr-sheet-{Guid.NewGuid():N}");
        try
        {
            var (code, _, error) = PdfRendererTests.Run("pdftoppm", pdf, path => ["-gray", "-r", $"{Dpi}", "-f", $"{page}", "-l", $"{page}", "-singlefile", path, output]);
            Assert.True(code == 0, $"pdftoppm failed: {error}");
            return GrayImage.ReadPgm(File.ReadAllBytes(output + ".pgm"));
        }
        finally
        {
            File.Delete(output + ".pgm");
        }
    }

    private sealed record GrayImage(int Width, int Height, byte[] Pixels)
    {
        public RGBLuminanceSource Luminance() => new RGBLuminanceSource(Pixels, Width, Height, RGBLuminanceSource.BitmapFormat.Gray8);

        /// <summary>A part of the image given in points, as the page measures it.</summary>
        public GrayImage Crop(double left, double top, double width, double height)
        {
            var scale = Dpi / 72;
            var (x, y) = ((int)(left * scale), (int)(top * scale));
            var (w, h) = (Math.Min((int)(width * scale), Width - x), Math.Min((int)(height * scale), Height - y));
            var pixels = new byte[w * h];
            for (var row = 0; row < h; row++)
            {
                Array.Copy(Pixels, ((y + row) * Width) + x, pixels, row * w, w);
            }

            return new GrayImage(w, h, pixels);
        }

        /// <summary>A binary PGM (P5, 8-bit), as pdftoppm -gray writes it.</summary>
        public static GrayImage ReadPgm(byte[] file)
        {
            var fields = new List<int>();
            var at = 2;
            while (fields.Count < 3)
            {
                while (char.IsWhiteSpace((char)file[at]))
                {
                    at++;
                }

                var start = at;
                while (!char.IsWhiteSpace((char)file[at]))
                {
                    at++;
                }

                fields.Add(int.Parse(Encoding.ASCII.GetString(file, start, at - start), System.Globalization.CultureInfo.InvariantCulture));
            }

            Assert.Equal("P5", Encoding.ASCII.GetString(file, 0, 2));
            Assert.Equal(255, fields[2]);
            return new GrayImage(fields[0], fields[1], file[(at + 1)..(at + 1 + (fields[0] * fields[1]))]);
        }
    }
}
