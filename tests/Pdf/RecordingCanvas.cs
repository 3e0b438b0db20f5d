using VillageReports.Pdf;

namespace VillageReports.Tests.Pdf;

/// <summary>What was drawn, in page coordinates (translations applied).</summary>
public abstract record Drawn(int Page);

public sealed record DrawnText(int Page, string Text, TextStyle Style, double X, double Baseline, double Spacing = 0) : Drawn(Page)
{
    /// <summary>Where the last glyph ends: character spacing follows every glyph but the last one counts here.</summary>
    public double Right => X + ReportFonts.Width(Text, Style) + (Spacing * (Text.EnumerateRunes().Count() - 1));
}

public sealed record DrawnLine(int Page, double X1, double Y1, double X2, double Y2) : Drawn(Page);

public sealed record DrawnRectangle(int Page, double X, double Y, double Width, double Height) : Drawn(Page);

/// <summary>A page sink that records every drawing operation with its absolute position, for layout tests.</summary>
public sealed class RecordingSink : IPageSink
{
    private readonly List<Drawn> _drawn = [];
    private int _page;

    public IReadOnlyList<Drawn> Drawn => _drawn;
    public IEnumerable<DrawnText> Texts => _drawn.OfType<DrawnText>();
    public int Pages => _page;

    public ICanvas BeginPage(PageSetup page) => new Canvas(this, ++_page);

    public void EndPage()
    {
    }

    public static (RecordingSink Sink, int Pages) Render(Element body, PageSetup? page = null)
    {
        var sink = new RecordingSink();
        var pages = DocumentRenderer.Render(body, page ?? PageSetup.GbT9704, sink);
        return (sink, pages);
    }

    private sealed class Canvas(RecordingSink sink, int page) : ICanvas
    {
        private double _x, _y;

        public void Translate(double dx, double dy)
        {
            _x += dx;
            _y += dy;
        }

        public void DrawText(string text, TextStyle style, double x, double baseline, double characterSpacing = 0) =>
            sink._drawn.Add(new DrawnText(page, text, style, _x + x, _y + baseline, characterSpacing));

        public void DrawLine(double x1, double y1, double x2, double y2, double width, Rgb color) =>
            sink._drawn.Add(new DrawnLine(page, _x + x1, _y + y1, _x + x2, _y + y2));

        public void FillRectangle(double x, double y, double width, double height, Rgb color) =>
            sink._drawn.Add(new DrawnRectangle(page, _x + x, _y + y, width, height));

        public void DrawPolyline(IReadOnlyList<(double X, double Y)> points, double width, Rgb color)
        {
            for (var i = 1; i < points.Count; i++)
            {
                DrawLine(points[i - 1].X, points[i - 1].Y, points[i].X, points[i].Y, width, color);
            }
        }
    }
}
