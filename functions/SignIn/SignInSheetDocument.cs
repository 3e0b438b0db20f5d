using QRCoder;
using VillageReports.Common;
using VillageReports.Pdf;

namespace VillageReports.SignIn;

/// <summary>
/// The town office's sign-in sheet: A4 pages of cards, two across and three down, framed by cut lines. Each card
/// carries the village's name, a QR code of its link, the link itself in small type (for a phone that cannot scan),
/// what to do with it, and the day it was issued. Pure: the same town, cards and date give the same bytes.
/// </summary>
public static class SignInSheetDocument
{
    public const int Columns = 2;
    public const int RowsPerPage = 3;

    /// <summary>Margins narrower than a report's: the sheet is cut up, and a card needs the room for its QR code.</summary>
    public static PageSetup Page { get; } = PageSetup.Millimetres(210, 297, 15, 15, 15, 15) with { Numbered = false };

    /// <summary>
    /// The largest QR code, about 46 mm with its quiet zone; a card's code takes what its text leaves, up to this. For a
    /// link of ~100 characters (version 6 or 7 at level M) a module is then 0.8–0.9 mm, easy for a phone camera.
    /// </summary>
    public const double MaxQrSize = 130;

    public const string Instructions = "扫码或在手机浏览器打开上面的链接，即可填报本村月报。链接即密码，请妥善保管。";

    private const double HeaderSpacing = 4;
    private const double CardPadding = 8;
    private const double CardSpacing = 3;
    private const double NameSize = 18;

    // One family, two weights: each face embedded costs 35–45 KB even subset, more than all the cards' drawing.
    private static readonly TextStyle TitleStyle = new(ReportFonts.Sans, 18, Bold: true, LineHeight: 28);
    private static readonly TextStyle SubtitleStyle = new(ReportFonts.Sans, 10, LineHeight: 16);
    private static readonly TextStyle NameStyle = new(ReportFonts.Sans, NameSize, Bold: true, LineHeight: 24);
    private static readonly TextStyle LinkStyle = new(ReportFonts.Sans, 7, LineHeight: 9);
    private static readonly TextStyle SmallStyle = new(ReportFonts.Sans, 8, LineHeight: 11);

    /// <summary>Each row of cards: a third of what the page has below the title and its line.</summary>
    public static double RowHeight { get; } =
        Math.Floor((Page.Content.Height - TitleStyle.Leading - SubtitleStyle.Leading - (2 * HeaderSpacing)) / RowsPerPage);

    public static byte[] Render(string townName, IReadOnlyList<SignInCard> cards, DateOnly date)
    {
        var (body, settings) = Compose(townName, cards, date);
        return PdfRenderer.Render(body, settings);
    }

    public static (Element Body, DocumentSettings Settings) Compose(string townName, IReadOnlyList<SignInCard> cards, DateOnly date)
    {
        var title = $"{townName}村级填报登录卡";
        var issued = $"{date.Year}年{date.Month}月{date.Day}日";
        var body = new Column(
        [
            new TextBlock(title, TitleStyle, TextAlign.Center),
            new TextBlock($"每村一张，沿虚线剪开后交村文书。{issued}印制。", SubtitleStyle, TextAlign.Center),
            new Grid(cards.Select(c => ComposeCard(c, issued)).ToList(), Columns, RowHeight, Rgb.Gray) { Name = "sign-in cards" },
        ], spacing: HeaderSpacing);
        var settings = new DocumentSettings(title, townName, $"村级填报登录卡 {date:yyyy-MM-dd}", ChinaTime.StartOf(date), "VillageReports", "zh-CN", Page);
        return (body, settings);
    }

    private static Padding ComposeCard(SignInCard card, string issued)
    {
        var width = (Page.Content.Width / Columns) - (2 * CardPadding);
        var name = NameFitting(card.VillageName, width);
        var link = BreakLink(card.Link, LinkStyle, width);

        // One sentence a line when they fit, so neither is broken mid-phrase.
        var instructions = Instructions.Replace("。", "。\n", StringComparison.Ordinal).TrimEnd('\n');
        var textHeight = Height(card.VillageName, name, width) + (link.Count * LinkStyle.Leading) + Height(instructions, SmallStyle, width) + SmallStyle.Leading;
        var qrSize = Math.Min(MaxQrSize, Math.Floor(RowHeight - (2 * CardPadding) - textHeight - (4 * CardSpacing)));
        return new Padding(
            new Column(
            [
                new TextBlock(card.VillageName, name, TextAlign.Center),
                new QrCode(Modules(card.Link), qrSize) { Name = $"QR code of {card.VillageName}" },
                new TextBlock(string.Join('\n', link), LinkStyle, TextAlign.Center),
                new TextBlock(instructions, SmallStyle, TextAlign.Center),
                new TextBlock($"发放日期：{issued}", SmallStyle, TextAlign.Center),
            ], spacing: CardSpacing) { Name = card.VillageName },
            CardPadding, CardPadding, CardPadding, CardPadding);
    }

    private static double Height(string text, TextStyle style, double width) =>
        LineBreaker.Break([new Span(text, style)], width, 0, text).Sum(line => line.Leading);

    /// <summary>The name in one line when it can be: a long name is set smaller (down to 12 pt) rather than broken.</summary>
    private static TextStyle NameFitting(string name, double width)
    {
        var natural = ReportFonts.Width(name, NameStyle);
        return natural <= width ? NameStyle : NameStyle.WithSize(Math.Max(12, Math.Floor(NameSize * width / natural * 10) / 10));
    }

    /// <summary>The QR code of <paramref name="text"/> at error correction level M (15% of the symbol may be lost), without its quiet zone.</summary>
    public static bool[,] Modules(string text)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var side = 17 + (4 * data.Version); // ISO/IEC 18004: version 1 is 21 modules a side, each version 4 more
        var quiet = (data.ModuleMatrix.Count - side) / 2;
        var modules = new bool[side, side];
        for (var row = 0; row < side; row++)
        {
            for (var column = 0; column < side; column++)
            {
                modules[row, column] = data.ModuleMatrix[quiet + row][quiet + column];
            }
        }

        return modules;
    }

    /// <summary>
    /// A link in lines no wider than <paramref name="width"/>: a line ends after a <c>/ # = . ? &amp;</c> when one falls
    /// in its second half, else where the width runs out (a token has no natural breaks). No character is added or lost,
    /// so the lines joined are the link.
    /// </summary>
    public static IReadOnlyList<string> BreakLink(string link, TextStyle style, double width)
    {
        var lines = new List<string>();
        var start = 0;
        while (start < link.Length)
        {
            var end = start;
            var used = 0.0;
            while (end < link.Length && used + ReportFonts.CharWidth(link[end], style) <= width)
            {
                used += ReportFonts.CharWidth(link[end], style);
                end++;
            }

            if (end == start)
            {
                throw new LayoutException($"A link's character '{link[start]}' is wider than {width:0.#} pt.");
            }

            if (end < link.Length)
            {
                var soft = link.LastIndexOfAny(['/', '#', '=', '.', '?', '&'], end - 1, end - start);
                if (soft >= start && ReportFonts.Width(link[start..(soft + 1)], style) >= width / 2)
                {
                    end = soft + 1;
                }
            }

            lines.Add(link[start..end]);
            start = end;
        }

        return lines;
    }
}
