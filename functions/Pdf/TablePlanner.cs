namespace VillageReports.Pdf;

/// <summary>A table laid out at one width: column widths, every cell broken into lines, and the height of each row.</summary>
public sealed record TableLayout(
    double[] Widths,
    double CaptionHeight,
    double HeaderHeight,
    IReadOnlyList<IReadOnlyList<Line>> HeaderCells,
    IReadOnlyList<IReadOnlyList<IReadOnlyList<Line>>> Cells,
    double[] RowHeights)
{
    public double TotalWidth => Widths.Sum();

    /// <summary>Caption and header: what every page of the table starts with.</summary>
    public double HeadHeight => CaptionHeight + HeaderHeight;

    /// <summary>How many whole rows from <paramref name="next"/> fit under the head in <paramref name="available"/> points, and their height with the head.</summary>
    public (int Count, double Height) Fit(int next, double available)
    {
        var height = HeadHeight;
        var count = 0;
        for (var r = next; r < RowHeights.Length && height + RowHeights[r] <= available + LayoutState.Epsilon; r++)
        {
            height += RowHeights[r];
            count++;
        }

        return (count, height);
    }
}

/// <summary>
/// Checks a table's shape and plans its layout at a width, apart from the element that draws it (as QuestPDF keeps
/// its table planner and validator apart from drawing). Pure: the same table and width give the same layout.
/// </summary>
public static class TablePlanner
{
    /// <summary>Every row has a cell per column; found when the table is built, not pages later.</summary>
    public static void Validate(string name, IReadOnlyList<TableColumn> columns, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        if (rows.Any(r => r.Count != columns.Count))
        {
            throw new ArgumentException($"Every row of table '{name}' needs {columns.Count} cells.", nameof(rows));
        }
    }

    public static TableLayout Plan(string name, string? caption, IReadOnlyList<TableColumn> columns, IReadOnlyList<IReadOnlyList<string>> rows, TableStyle style, double width)
    {
        var widths = ColumnWidths(name, columns, width);
        List<Line> Wrap(string text, TextStyle textStyle, int column)
        {
            var inner = widths[column] - (2 * style.CellPaddingX);
            try
            {
                return LineBreaker.Break([new Span(text, textStyle)], inner, 0, name).ToList();
            }
            catch (LayoutException ex)
            {
                // One long figure in a narrow column is set smaller (down to 70%) rather than refused.
                var shrunk = textStyle.WithSize(textStyle.Size * inner / ReportFonts.Width(text, textStyle) * 0.999);
                if (!text.Contains(' ', StringComparison.Ordinal) && shrunk.Size >= textStyle.Size * 0.7)
                {
                    return LineBreaker.Break([new Span(text, shrunk with { LineHeight = textStyle.Leading })], inner, 0, name).ToList();
                }

                throw new LayoutException($"table '{name}', column '{columns[column].Header}': {ex.Message}", ex);
            }
        }

        var headerCells = columns.Select((c, i) => (IReadOnlyList<Line>)Wrap(c.Header, style.Header, i)).ToList();
        var cells = rows.Select(row => (IReadOnlyList<IReadOnlyList<Line>>)row.Select((text, i) => (IReadOnlyList<Line>)Wrap(text, style.Body, i)).ToList()).ToList();
        double RowHeight(IEnumerable<IReadOnlyList<Line>> row) => row.Max(lines => Math.Max(lines.Sum(l => l.Leading), style.Body.Leading)) + (2 * style.CellPaddingY);
        var captionHeight = caption is null ? 0 : LineBreaker.Break([new Span(caption, style.Caption)], width, 0, name).Sum(l => l.Leading) + 2;

        return new TableLayout(widths, captionHeight, RowHeight(headerCells), headerCells, cells, cells.Select(RowHeight).ToArray());
    }

    /// <summary>Fixed widths first; the rest of the width is shared by weight.</summary>
    private static double[] ColumnWidths(string name, IReadOnlyList<TableColumn> columns, double width)
    {
        var fixedTotal = columns.Sum(c => c.FixedWidth ?? 0);
        if (fixedTotal > width + LayoutState.Epsilon)
        {
            throw new LayoutException($"table '{name}' is {fixedTotal:0.#} pt wide, wider than the {width:0.#} pt of the page.");
        }

        var weights = columns.Where(c => c.FixedWidth is null).Sum(c => c.Weight);
        return columns.Select(c => c.FixedWidth ?? ((width - fixedTotal) * c.Weight / weights)).ToArray();
    }
}
