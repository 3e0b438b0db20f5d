namespace VillageReports.Pdf;

/// <summary>A table laid out at one width: column widths, every cell broken into lines, and the height of each row.</summary>
public sealed record TableLayout(
    double[] Widths,
    double CaptionHeight,
    double HeaderHeight,
    IReadOnlyList<IReadOnlyList<Line>> HeaderCells,
    IReadOnlyList<IReadOnlyList<IReadOnlyList<Line>>> Cells,
    double[] RowHeights,
    IReadOnlyList<Line> NoteLines)
{
    public double TotalWidth => Widths.Sum();

    /// <summary>The note under the table, with a little space above it; drawn with the table's last row.</summary>
    public double NoteHeight => NoteLines.Count == 0 ? 0 : NoteLines.Sum(l => l.Leading) + 2;

    /// <summary>Caption and header: what every page of the table starts with.</summary>
    public double HeadHeight => CaptionHeight + HeaderHeight;

    /// <summary>
    /// How many whole rows from <paramref name="next"/> fit under the head in <paramref name="available"/> points,
    /// and their height with the head (and the note, when the last row is among them: a note never starts a page
    /// on its own, it takes the last row with it).
    /// </summary>
    public (int Count, double Height) Fit(int next, double available)
    {
        var height = HeadHeight;
        var count = 0;
        for (var r = next; r < RowHeights.Length && height + RowHeights[r] <= available + LayoutState.Epsilon; r++)
        {
            height += RowHeights[r];
            count++;
        }

        if (next + count < RowHeights.Length || NoteHeight == 0)
        {
            return (count, height);
        }

        if (height + NoteHeight <= available + LayoutState.Epsilon)
        {
            return (count, height + NoteHeight);
        }

        return count > 1 || RowHeights.Length == 0 ? (Math.Max(0, count - 1), height - (count > 0 ? RowHeights[next + count - 1] : 0)) : (0, height);
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

    public static TableLayout Plan(string name, string? caption, IReadOnlyList<TableColumn> columns, IReadOnlyList<IReadOnlyList<string>> rows, TableStyle style, double width, string? note = null)
    {
        var widths = ColumnWidths(name, columns, rows, style, width);
        List<Line> Wrap(string text, TextStyle textStyle, int column) =>
            LineBreaker.Break([new Span(text, textStyle)], widths[column] - (2 * style.CellPaddingX), 0, $"table '{name}', column '{columns[column].Header}'").ToList();

        // A header breaks only where its author put a line break, so it never splits inside a word.
        var headerCells = columns.Select((c, i) => (IReadOnlyList<Line>)c.Header.Split('\n').SelectMany(part => Wrap(part, style.Header, i)).ToList()).ToList();
        var cells = rows.Select(row => (IReadOnlyList<IReadOnlyList<Line>>)row.Select((text, i) => (IReadOnlyList<Line>)Wrap(text, style.Body, i)).ToList()).ToList();
        double RowHeight(IEnumerable<IReadOnlyList<Line>> row) => row.Max(lines => Math.Max(lines.Sum(l => l.Leading), style.Body.Leading)) + (2 * style.CellPaddingY);
        var captionHeight = caption is null ? 0 : LineBreaker.Break([new Span(caption, style.Caption)], width, 0, name).Sum(l => l.Leading) + 2;
        var noteLines = note is null ? [] : LineBreaker.Break([new Span(note, style.Note ?? style.Body)], width, 0, name);

        return new TableLayout(widths, captionHeight, RowHeight(headerCells), headerCells, cells, cells.Select(RowHeight).ToArray(), noteLines);
    }

    /// <summary>
    /// Fixed widths first; the rest of the width is shared by weight, but no column is narrower than its widest
    /// header line or its widest figure or word: a table widens a column rather than split or shrink what is in it.
    /// </summary>
    private static double[] ColumnWidths(string name, IReadOnlyList<TableColumn> columns, IReadOnlyList<IReadOnlyList<string>> rows, TableStyle style, double width)
    {
        var fixedTotal = columns.Sum(c => c.FixedWidth ?? 0);
        if (fixedTotal > width + LayoutState.Epsilon)
        {
            throw new LayoutException($"table '{name}' is {fixedTotal:0.#} pt wide, wider than the {width:0.#} pt of the page.");
        }

        var minimum = columns.Select((c, i) => c.FixedWidth ?? MinimumWidth(c, rows.Select(r => r[i]), style)).ToArray();
        if (minimum.Sum() > width + LayoutState.Epsilon)
        {
            throw new LayoutException($"table '{name}' needs {minimum.Sum():0.#} pt for its widest headers, figures and words, wider than the {width:0.#} pt of the page: abbreviate or split it.");
        }

        var pinned = columns.Select(c => c.FixedWidth is not null).ToArray();
        var widths = (double[])minimum.Clone();
        while (true)
        {
            var free = width - widths.Where((_, i) => pinned[i]).Sum();
            var weights = columns.Where((_, i) => !pinned[i]).Sum(c => c.Weight);
            var narrow = Enumerable.Range(0, columns.Count).Where(i => !pinned[i] && free * columns[i].Weight / weights < minimum[i]).ToList();
            if (narrow.Count == 0)
            {
                for (var i = 0; i < columns.Count; i++)
                {
                    widths[i] = pinned[i] ? widths[i] : free * columns[i].Weight / weights;
                }

                return widths;
            }

            foreach (var i in narrow)
            {
                pinned[i] = true;
                widths[i] = minimum[i];
            }
        }
    }

    private static double MinimumWidth(TableColumn column, IEnumerable<string> cells, TableStyle style)
    {
        var header = column.Header.Split('\n').Max(line => ReportFonts.Width(line, style.Header));
        // Figures (right-aligned or centred columns) stay on one line; text in left-aligned columns may wrap.
        var body = cells.Select(text => column.Align == TextAlign.Left
            ? LineBreaker.WidestUnbreakable([new Span(text, style.Body)])
            : ReportFonts.Width(text, style.Body)).DefaultIfEmpty(0).Max();
        return Math.Max(header, body) + (2 * style.CellPaddingX) + LayoutState.Epsilon;
    }
}
