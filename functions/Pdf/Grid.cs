namespace VillageReports.Pdf;

/// <summary>
/// Cells of equal size, <c>columns</c> to a row, filled row by row; a page takes as many whole rows as fit. With a
/// <c>cutLine</c> colour every cell on the page is framed by dashed lines (each line drawn once), to cut the cells
/// apart on paper. A cell's content must fit its cell: what cannot is a layout error, never clipped.
/// </summary>
public sealed class Grid : Element
{
    public const double CutLineWidth = 0.5;
    public const double CutLineDash = 3;

    private readonly IReadOnlyList<Element> _cells;
    private readonly int _columns;
    private readonly double _rowHeight;
    private readonly Rgb? _cutLine;

    public Grid(IReadOnlyList<Element> cells, int columns, double rowHeight, Rgb? cutLine = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rowHeight);
        _cells = cells;
        _columns = columns;
        _rowHeight = rowHeight;
        _cutLine = cutLine;
    }

    private int Rows => (_cells.Count + _columns - 1) / _columns;

    public override SpacePlan Measure(Size available, LayoutState state)
    {
        var next = state.Next(this);
        var remaining = Rows - next;
        if (remaining <= 0)
        {
            return SpacePlan.Empty;
        }

        var fit = Math.Min(remaining, (int)Math.Floor((available.Height + LayoutState.Epsilon) / _rowHeight));
        if (fit == 0)
        {
            return SpacePlan.Wrap($"{Describe("grid")} needs {_rowHeight:0.#} pt for a row, {available.Height:0.#} pt left");
        }

        var cell = new Size(available.Width / _columns, _rowHeight);
        for (var i = next * _columns; i < Math.Min(_cells.Count, (next + fit) * _columns); i++)
        {
            var plan = _cells[i].Measure(cell, state);
            if (plan.Kind is SpaceKind.Wrap or SpaceKind.Partial)
            {
                return SpacePlan.Wrap($"{Describe("grid")}: cell {i + 1} does not fit its {cell.Width:0.#} × {cell.Height:0.#} pt ({plan.Reason ?? "it would split"})");
            }
        }

        return fit == remaining ? SpacePlan.Full(available.Width, fit * _rowHeight) : SpacePlan.Partial(available.Width, fit * _rowHeight);
    }

    public override void Draw(ICanvas canvas, Size available, LayoutState state)
    {
        var next = state.Next(this);
        var fit = Math.Min(Rows - next, (int)Math.Floor((available.Height + LayoutState.Epsilon) / _rowHeight));
        var cell = new Size(available.Width / _columns, _rowHeight);
        for (var i = next * _columns; i < Math.Min(_cells.Count, (next + fit) * _columns); i++)
        {
            var x = (i % _columns) * cell.Width;
            var y = ((i / _columns) - next) * _rowHeight;
            canvas.Translate(x, y);
            _cells[i].Draw(canvas, cell, state);
            canvas.Translate(-x, -y);
        }

        if (_cutLine is { } color && fit > 0)
        {
            var bottom = fit * _rowHeight;
            for (var r = 0; r <= fit; r++)
            {
                canvas.DrawDashedLine(0, r * _rowHeight, available.Width, r * _rowHeight, CutLineWidth, color, CutLineDash);
            }

            for (var c = 0; c <= _columns; c++)
            {
                canvas.DrawDashedLine(c * cell.Width, 0, c * cell.Width, bottom, CutLineWidth, color, CutLineDash);
            }
        }

        state.MoveTo(this, next + fit);
    }
}
