namespace VillageReports.Pdf;

/// <summary>Page size and margins in points.</summary>
public sealed record PageSetup(double Width, double Height, double Top, double Bottom, double Left, double Right)
{
    public const double PointsPerMillimetre = 72 / 25.4;

    /// <summary>A4 with the margins of GB/T 9704-2012 (党政机关公文格式): 37 mm top, 35 bottom, 28 left, 26 right.</summary>
    public static PageSetup GbT9704 { get; } = Millimetres(210, 297, 37, 35, 28, 26);

    public Size Content => new(Width - Left - Right, Height - Top - Bottom);

    /// <summary>Whether pages carry their number at the foot; a sheet cut into cards has no use for one.</summary>
    public bool Numbered { get; init; } = true;

    public static PageSetup Millimetres(double width, double height, double top, double bottom, double left, double right) =>
        new(width * PointsPerMillimetre, height * PointsPerMillimetre, top * PointsPerMillimetre, bottom * PointsPerMillimetre, left * PointsPerMillimetre, right * PointsPerMillimetre);
}

/// <summary>The named text styles of an official document.</summary>
public static class Typography
{
    /// <summary>GB/T 9704: 22 lines to the 225 mm type area, so body text sits on a regular grid.</summary>
    public static readonly double GridLine = PageSetup.GbT9704.Content.Height / 22;

    /// <summary>Title: 二号 (22 pt) bold serif, centred.</summary>
    public static TextStyle Title { get; } = new(ReportFonts.Serif, 22, Bold: true, LineHeight: GridLine * 1.25);

    /// <summary>First-level heading: 三号 (16 pt) bold sans, as 黑体.</summary>
    public static TextStyle Heading { get; } = new(ReportFonts.Sans, 16, Bold: true, LineHeight: GridLine);

    /// <summary>Second-level heading: 三号 bold serif.</summary>
    public static TextStyle Subheading { get; } = new(ReportFonts.Serif, 16, Bold: true, LineHeight: GridLine);

    /// <summary>Body: 三号 (16 pt) serif on the line grid.</summary>
    public static TextStyle Body { get; } = new(ReportFonts.Serif, 16, LineHeight: GridLine);

    /// <summary>Notes and data lines: 小四 (12 pt) serif.</summary>
    public static TextStyle Note { get; } = new(ReportFonts.Serif, 12, LineHeight: 20);

    /// <summary>Page numbers: 四号 (14 pt), as GB/T 9704 sets them.</summary>
    public static TextStyle PageNumber { get; } = new(ReportFonts.Serif, 14);

    /// <summary>Tables in 小五 (9 pt), the smallest type that reads well on paper; notes under them the same size.</summary>
    public static TableStyle Table { get; } = new(
        Body: new TextStyle(ReportFonts.Sans, 9, LineHeight: 12.5),
        Header: new TextStyle(ReportFonts.Sans, 9, Bold: true, LineHeight: 12.5),
        Caption: new TextStyle(ReportFonts.Sans, 12, Bold: true, LineHeight: 20),
        Note: new TextStyle(ReportFonts.Serif, 9, LineHeight: 14));

    /// <summary>Wide summary tables (eight to ten columns): the same 9 pt with tighter cells.</summary>
    public static TableStyle CompactTable { get; } = Table with { CellPaddingX = 2, CellPaddingY = 2.5 };

    public static ChartStyle Chart { get; } = new(
        Title: new TextStyle(ReportFonts.Sans, 11, Bold: true, LineHeight: 18),
        Label: new TextStyle(ReportFonts.Sans, 9, LineHeight: 12));

    /// <summary>A paragraph of body text: justified, first line indented two characters.</summary>
    public static TextBlock Paragraph(string text) => new(text, Body, TextAlign.Justify, firstLineIndent: Body.Size * 2);

    public static TextBlock Paragraph(IReadOnlyList<Span> spans) => new(spans, TextAlign.Justify, firstLineIndent: Body.Size * 2);
}
