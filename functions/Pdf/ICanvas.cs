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
}
