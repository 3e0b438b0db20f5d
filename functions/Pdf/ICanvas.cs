namespace VillageReports.Pdf;

public enum TextAlign { Left, Center, Right, Justify }

/// <summary>
/// Where elements draw. Coordinates are points from the top left, y downward, relative to the current
/// translation. Text is placed by its baseline; <c>characterSpacing</c> is added after every glyph (the PDF's
/// <c>Tc</c>), so a justified line stays one string and extracts as written.
/// </summary>
public interface ICanvas
{
    void Translate(double dx, double dy);

    void DrawText(string text, TextStyle style, double x, double baseline, double characterSpacing = 0);

    void DrawLine(double x1, double y1, double x2, double y2, double width, Rgb color);

    void FillRectangle(double x, double y, double width, double height, Rgb color);

    void DrawPolyline(IReadOnlyList<(double X, double Y)> points, double width, Rgb color);

    /// <summary>
    /// A line of dashes <paramref name="dash"/> long with gaps as long (a cut line). This default draws each dash; the
    /// PDF canvas sets a dash pattern instead, one path for the whole line.
    /// </summary>
    void DrawDashedLine(double x1, double y1, double x2, double y2, double width, Rgb color, double dash)
    {
        var length = Math.Sqrt(((x2 - x1) * (x2 - x1)) + ((y2 - y1) * (y2 - y1)));
        for (var from = 0.0; from < length; from += 2 * dash)
        {
            var to = Math.Min(from + dash, length);
            DrawLine(x1 + ((x2 - x1) * from / length), y1 + ((y2 - y1) * from / length), x1 + ((x2 - x1) * to / length), y1 + ((y2 - y1) * to / length), width, color);
        }
    }
}
