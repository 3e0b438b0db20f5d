namespace VillageReports.Pdf;

/// <summary>A column: its header, a relative width (or a fixed one in points) and how its cells align.</summary>
public sealed record TableColumn(string Header, double Weight = 1, TextAlign Align = TextAlign.Left, double? FixedWidth = null);

/// <summary>Styles of a table.</summary>
public sealed record TableStyle(TextStyle Body, TextStyle Header, TextStyle Caption, double CellPaddingX = 4, double CellPaddingY = 3, double LineWidth = 0.5);

/// <summary>
/// A ruled table with a caption. Rows never split; on each new page the caption reads 续表 and the header row repeats.
/// </summary>
public sealed class Table : Element
{
    private readonly string? _caption;
    private readonly IReadOnlyList<TableColumn> _columns;
    private readonly IReadOnlyList<IReadOnlyList<string>> _rows;
    private readonly TableStyle _style;
    private TableLayout? _layout;
    private int _next;

    public Table(string? caption, IReadOnlyList<TableColumn> columns, IReadOnlyList<IReadOnlyList<string>> rows, TableStyle style)
    {
        if (rows.Any(r => r.Count != columns.Count))
        {
            throw new ArgumentException($"Every row of table '{caption}' needs {columns.Count} cells.", nameof(rows));
        }

        _caption = caption;
        _columns = columns;
        _rows = rows;
        _style = style;
        Name = caption ?? "table";
    }

    /// <summary>The caption on a page after the first: 表3 … becomes 续表3 ….</summary>
    public static string ContinuedCaption(string caption) =>
        caption.StartsWith('表') ? "续" + caption : "续表：" + caption;

    public override SpacePlan Measure(Size available)
    {
        if (_next >= _rows.Count && _next > 0)
        {
            return SpacePlan.Empty;
        }

        var (count, height) = Fit(available);
        if (count == 0 && _rows.Count > 0)
        {
            return SpacePlan.Wrap($"{Describe("table")}: row {_next + 1} with its header needs {HeadHeight(available.Width) + Layout(available.Width).RowHeights[_next]:0.#} pt, {available.Height:0.#} pt left");
        }

        if (_rows.Count == 0 && height > available.Height)
        {
            return SpacePlan.Wrap($"{Describe("table")}: no room for its header");
        }

        return _next + count >= _rows.Count ? SpacePlan.Full(available.Width, height) : SpacePlan.Partial(available.Width, height);
    }

    public override void Draw(ICanvas canvas, Size available)
    {
        var (count, _) = Fit(available);
        var layout = Layout(available.Width);
        var y = 0.0;
        if (_caption is not null)
        {
            var caption = _next == 0 ? _caption : ContinuedCaption(_caption);
            DrawLines(canvas, LineBreaker.Break([new Span(caption, _style.Caption)], available.Width, 0, Name), 0, y, available.Width, TextAlign.Center);
            y += layout.CaptionHeight;
        }

        var tableTop = y;
        canvas.FillRectangle(0, y, layout.TotalWidth, layout.HeaderHeight, new Rgb(236, 236, 236));
        DrawRow(canvas, layout, layout.HeaderCells, y, layout.HeaderHeight, header: true);
        y += layout.HeaderHeight;
        for (var r = _next; r < _next + count; r++)
        {
            DrawRow(canvas, layout, layout.Cells[r], y, layout.RowHeights[r], header: false);
            y += layout.RowHeights[r];
        }

        // Rules: a heavier frame top and bottom, light lines between.
        canvas.DrawLine(0, tableTop, layout.TotalWidth, tableTop, _style.LineWidth * 2, Rgb.Black);
        canvas.DrawLine(0, tableTop + layout.HeaderHeight, layout.TotalWidth, tableTop + layout.HeaderHeight, _style.LineWidth, Rgb.Black);
        var rowY = tableTop + layout.HeaderHeight;
        for (var r = _next; r < _next + count - 1; r++)
        {
            rowY += layout.RowHeights[r];
            canvas.DrawLine(0, rowY, layout.TotalWidth, rowY, _style.LineWidth / 2, Rgb.Gray);
        }

        canvas.DrawLine(0, y, layout.TotalWidth, y, _style.LineWidth * 2, Rgb.Black);
        var x = 0.0;
        foreach (var width in layout.Widths.SkipLast(1))
        {
            x += width;
            canvas.DrawLine(x, tableTop, x, y, _style.LineWidth / 2, Rgb.Gray);
        }

        _next += count;
        if (_rows.Count == 0)
        {
            _next = 1; // an empty table is drawn once
        }
    }

    private (int Count, double Height) Fit(Size available)
    {
        var layout = Layout(available.Width);
        var height = HeadHeight(available.Width);
        var count = 0;
        for (var r = _next; r < _rows.Count && height + layout.RowHeights[r] <= available.Height + 0.01; r++)
        {
            height += layout.RowHeights[r];
            count++;
        }

        return (count, height);
    }

    private double HeadHeight(double width) => Layout(width).CaptionHeight + Layout(width).HeaderHeight;

    private void DrawRow(ICanvas canvas, TableLayout layout, IReadOnlyList<IReadOnlyList<Line>> cells, double top, double height, bool header)
    {
        var x = 0.0;
        for (var c = 0; c < _columns.Count; c++)
        {
            var lines = cells[c];
            var textHeight = lines.Sum(l => l.Leading);
            var align = header ? TextAlign.Center : _columns[c].Align;
            DrawLines(canvas, lines, x + _style.CellPaddingX, top + ((height - textHeight) / 2), layout.Widths[c] - (2 * _style.CellPaddingX), align);
            x += layout.Widths[c];
        }
    }

    private static void DrawLines(ICanvas canvas, IReadOnlyList<Line> lines, double x, double top, double width, TextAlign align)
    {
        foreach (var line in lines)
        {
            if (line.Pieces.Count > 0)
            {
                var style = line.MainStyle;
                var ascent = ReportFonts.Ascent(style);
                var baseline = top + ((line.Leading - ascent - ReportFonts.Descent(style)) / 2) + ascent;
                var offset = align switch
                {
                    TextAlign.Center => (width - line.Width) / 2,
                    TextAlign.Right => width - line.Width,
                    _ => 0,
                };
                canvas.DrawText(line.Text, style, x + offset, baseline);
            }

            top += line.Leading;
        }
    }

    private TableLayout Layout(double width)
    {
        if (_layout is not null && Math.Abs(_layout.AvailableWidth - width) < 0.001)
        {
            return _layout;
        }

        var fixedTotal = _columns.Sum(c => c.FixedWidth ?? 0);
        if (fixedTotal > width + 0.01)
        {
            throw new LayoutException($"{Describe("table")} is {fixedTotal:0.#} pt wide, wider than the {width:0.#} pt of the page.");
        }

        var weights = _columns.Where(c => c.FixedWidth is null).Sum(c => c.Weight);
        var widths = _columns.Select(c => c.FixedWidth ?? ((width - fixedTotal) * c.Weight / weights)).ToArray();
        List<Line> Wrap(string text, TextStyle style, int column)
        {
            var inner = widths[column] - (2 * _style.CellPaddingX);
            try
            {
                return LineBreaker.Break([new Span(text, style)], inner, 0, Name).ToList();
            }
            catch (LayoutException ex)
            {
                // One long figure in a narrow column is set smaller (down to 70%) rather than refused.
                var shrunk = style.WithSize(style.Size * inner / ReportFonts.Width(text, style) * 0.999);
                if (!text.Contains(' ', StringComparison.Ordinal) && shrunk.Size >= style.Size * 0.7)
                {
                    return LineBreaker.Break([new Span(text, shrunk with { LineHeight = style.Leading })], inner, 0, Name).ToList();
                }

                throw new LayoutException($"{Describe("table")}, column '{_columns[column].Header}': {ex.Message}", ex);
            }
        }

        var headerCells = _columns.Select((c, i) => (IReadOnlyList<Line>)Wrap(c.Header, _style.Header, i)).ToList();
        var cells = _rows.Select(row => (IReadOnlyList<IReadOnlyList<Line>>)row.Select((text, i) => (IReadOnlyList<Line>)Wrap(text, _style.Body, i)).ToList()).ToList();
        double RowHeight(IEnumerable<IReadOnlyList<Line>> row) => row.Max(lines => Math.Max(lines.Sum(l => l.Leading), _style.Body.Leading)) + (2 * _style.CellPaddingY);
        var captionHeight = _caption is null ? 0 : LineBreaker.Break([new Span(_caption, _style.Caption)], width, 0, Name).Sum(l => l.Leading) + 2;

        _layout = new TableLayout(width, widths, widths.Sum(), captionHeight, RowHeight(headerCells), headerCells, cells, cells.Select(RowHeight).ToArray());
        return _layout;
    }

    private sealed record TableLayout(
        double AvailableWidth,
        double[] Widths,
        double TotalWidth,
        double CaptionHeight,
        double HeaderHeight,
        IReadOnlyList<IReadOnlyList<Line>> HeaderCells,
        IReadOnlyList<IReadOnlyList<IReadOnlyList<Line>>> Cells,
        double[] RowHeights);
}
