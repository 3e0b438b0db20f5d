namespace VillageReports.Pdf;

/// <summary>A column: its header, a relative width (or a fixed one in points) and how its cells align.</summary>
public sealed record TableColumn(string Header, double Weight = 1, TextAlign Align = TextAlign.Left, double? FixedWidth = null);

/// <summary>Styles of a table.</summary>
public sealed record TableStyle(TextStyle Body, TextStyle Header, TextStyle Caption, double CellPaddingX = 4, double CellPaddingY = 3, double LineWidth = 0.5, TextStyle? Note = null);

/// <summary>
/// A ruled table with a caption and an optional note under it. Rows never split; on each new page the caption reads
/// 续表 and the header row repeats; the note stays with the last row. A header breaks only at its line breaks (\n).
/// Its layout comes from <see cref="TablePlanner"/>; this element only decides what fits and draws it.
/// </summary>
public sealed class Table : Element
{
    private static readonly Rgb HeaderFill = new(236, 236, 236);

    private readonly string? _caption;
    private readonly IReadOnlyList<TableColumn> _columns;
    private readonly IReadOnlyList<IReadOnlyList<string>> _rows;
    private readonly TableStyle _style;
    private readonly string? _note;

    public Table(string? caption, IReadOnlyList<TableColumn> columns, IReadOnlyList<IReadOnlyList<string>> rows, TableStyle style, string? note = null)
    {
        Name = caption ?? "table";
        TablePlanner.Validate(Name, columns, rows);
        _caption = caption;
        _columns = columns;
        _rows = rows;
        _style = style;
        _note = note;
    }

    /// <summary>The caption on a page after the first: 表3 … becomes 续表3 ….</summary>
    public static string ContinuedCaption(string caption) =>
        caption.StartsWith('表') ? "续" + caption : "续表：" + caption;

    public override SpacePlan Measure(Size available, LayoutState state)
    {
        var next = state.Next(this);
        if (next >= _rows.Count && next > 0)
        {
            return SpacePlan.Empty;
        }

        var layout = Layout(available.Width, state);
        var (count, height) = layout.Fit(next, available.Height);
        if (count == 0 && _rows.Count > 0)
        {
            return SpacePlan.Wrap($"{Describe("table")}: row {next + 1} with its header needs {layout.HeadHeight + layout.RowHeights[next]:0.#} pt, {available.Height:0.#} pt left");
        }

        if (_rows.Count == 0 && height > available.Height)
        {
            return SpacePlan.Wrap($"{Describe("table")}: no room for its header");
        }

        return next + count >= _rows.Count ? SpacePlan.Full(available.Width, height) : SpacePlan.Partial(available.Width, height);
    }

    public override void Draw(ICanvas canvas, Size available, LayoutState state)
    {
        var next = state.Next(this);
        var layout = Layout(available.Width, state);
        var (count, _) = layout.Fit(next, available.Height);
        var y = 0.0;
        if (_caption is not null)
        {
            var caption = next == 0 ? _caption : ContinuedCaption(_caption);
            DrawLines(canvas, LineBreaker.Break([new Span(caption, _style.Caption)], available.Width, 0, Name), 0, y, available.Width, TextAlign.Center);
            y += layout.CaptionHeight;
        }

        var tableTop = y;
        canvas.FillRectangle(0, y, layout.TotalWidth, layout.HeaderHeight, HeaderFill);
        DrawRow(canvas, layout, layout.HeaderCells, y, layout.HeaderHeight, header: true);
        y += layout.HeaderHeight;
        for (var r = next; r < next + count; r++)
        {
            DrawRow(canvas, layout, layout.Cells[r], y, layout.RowHeights[r], header: false);
            y += layout.RowHeights[r];
        }

        // Rules: a heavier frame top and bottom, light lines between.
        canvas.DrawLine(0, tableTop, layout.TotalWidth, tableTop, _style.LineWidth * 2, Rgb.Black);
        canvas.DrawLine(0, tableTop + layout.HeaderHeight, layout.TotalWidth, tableTop + layout.HeaderHeight, _style.LineWidth, Rgb.Black);
        var rowY = tableTop + layout.HeaderHeight;
        for (var r = next; r < next + count - 1; r++)
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

        if (next + count >= _rows.Count)
        {
            DrawLines(canvas, layout.NoteLines, 0, y + 2, available.Width, TextAlign.Left);
        }

        // An empty table is drawn once.
        state.MoveTo(this, _rows.Count == 0 ? 1 : next + count);
    }

    private TableLayout Layout(double width, LayoutState state) =>
        state.Plan(this, width, w => TablePlanner.Plan(Name, _caption, _columns, _rows, _style, w, _note));

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
}
