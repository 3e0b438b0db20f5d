using System.Globalization;

namespace VillageReports.Pdf;

/// <summary>Receives pages: a PDF document, or a recording for layout tests.</summary>
public interface IPageSink
{
    ICanvas BeginPage(PageSetup page);

    void EndPage();
}

/// <summary>
/// Pages a document: draws the body into the page's type area page after page until it is all out, and puts
/// the page number <c>— N —</c> at the foot, on the outer side (right on odd pages, left on even), 7 mm below the type area.
/// </summary>
public static class DocumentRenderer
{
    public const int MaxPages = 2000;

    public static int Render(Element body, PageSetup page, IPageSink sink)
    {
        var content = page.Content;
        var state = new LayoutState();
        for (var number = 1; ; number++)
        {
            var plan = body.Measure(content, state);
            if (plan.Kind == SpaceKind.Wrap)
            {
                throw new LayoutException($"Content can never fit on a page: {plan.Reason}");
            }

            if (plan.Kind == SpaceKind.Empty && number > 1)
            {
                return number - 1;
            }

            if (number > MaxPages)
            {
                throw new LayoutException($"The document runs past {MaxPages} pages: an element makes no progress ({plan.Reason}).");
            }

            var canvas = sink.BeginPage(page);
            canvas.Translate(page.Left, page.Top);
            body.Draw(canvas, content, state);
            canvas.Translate(-page.Left, -page.Top);
            if (page.Numbered)
            {
                DrawPageNumber(canvas, page, number);
            }

            sink.EndPage();

            if (plan.Kind != SpaceKind.Partial)
            {
                return number;
            }
        }
    }

    public static string PageNumberText(int number) => string.Create(CultureInfo.InvariantCulture, $"— {number} —");

    private static void DrawPageNumber(ICanvas canvas, PageSetup page, int number)
    {
        var style = Typography.PageNumber;
        var text = PageNumberText(number);
        var width = ReportFonts.Width(text, style);
        var baseline = page.Height - page.Bottom + (7 * PageSetup.PointsPerMillimetre) + ReportFonts.Ascent(style);
        var x = number % 2 == 1
            ? page.Width - page.Right - style.Size - width
            : page.Left + style.Size;
        canvas.DrawText(text, style, x, baseline);
    }
}
