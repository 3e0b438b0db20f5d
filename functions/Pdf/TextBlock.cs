namespace VillageReports.Pdf;

/// <summary>
/// A paragraph of styled runs: Chinese line breaking, optional first-line indent, alignment (justified by default),
/// split between lines across pages.
/// </summary>
public sealed class TextBlock : Element
{
    /// <summary>The widest gap justification puts between two glyphs, as a fraction of the font size.</summary>
    public const double MaxJustifyGap = 0.25;

    private readonly IReadOnlyList<Span> _spans;
    private readonly double _firstLineIndent;
    private readonly TextAlign _align;
    private readonly bool _keepWithNext;

    public TextBlock(IReadOnlyList<Span> spans, TextAlign align = TextAlign.Justify, double firstLineIndent = 0, bool keepWithNext = false)
    {
        _spans = spans;
        _align = align;
        _firstLineIndent = firstLineIndent;
        _keepWithNext = keepWithNext;
    }

    public TextBlock(string text, TextStyle style, TextAlign align = TextAlign.Justify, double firstLineIndent = 0, bool keepWithNext = false)
        : this([new Span(text, style)], align, firstLineIndent, keepWithNext)
    {
    }

    public override bool KeepWithNext => _keepWithNext;

    public override SpacePlan Measure(Size available, LayoutState state)
    {
        var lines = Lines(available.Width, state);
        var next = state.Next(this);
        var (count, height) = Fit(lines, next, available.Height);
        var remaining = lines.Count - next;
        if (remaining <= 0)
        {
            return SpacePlan.Empty;
        }

        if (count == 0)
        {
            return SpacePlan.Wrap($"{Describe("text")} needs {lines[next].Leading:0.#} pt for a line, {available.Height:0.#} pt left");
        }

        // No orphan: a paragraph that starts at the foot of a page starts with at least two lines there.
        if (next == 0 && count == 1 && remaining > 1)
        {
            return SpacePlan.Wrap($"{Describe("text")} keeps its first two lines together, {available.Height:0.#} pt left");
        }

        return count == remaining ? SpacePlan.Full(available.Width, height) : SpacePlan.Partial(available.Width, height);
    }

    public override void Draw(ICanvas canvas, Size available, LayoutState state)
    {
        var lines = Lines(available.Width, state);
        var next = state.Next(this);
        var (count, _) = Fit(lines, next, available.Height);
        var top = 0.0;
        for (var i = next; i < next + count; i++)
        {
            DrawLine(canvas, lines[i], top, available.Width);
            top += lines[i].Leading;
        }

        state.MoveTo(this, next + count);
    }

    private static (int Count, double Height) Fit(IReadOnlyList<Line> lines, int next, double available)
    {
        var height = 0.0;
        var count = 0;
        for (var i = next; i < lines.Count && height + lines[i].Leading <= available + LayoutState.Epsilon; i++)
        {
            height += lines[i].Leading;
            count++;
        }

        return (count, height);
    }

    private IReadOnlyList<Line> Lines(double width, LayoutState state) =>
        state.Plan(this, width, w => LineBreaker.Break(_spans, w, _firstLineIndent, Describe("text")));

    private void DrawLine(ICanvas canvas, Line line, double top, double width)
    {
        if (line.Pieces.Count == 0)
        {
            return;
        }

        var style = line.MainStyle;
        var ascent = ReportFonts.Ascent(style);
        var descent = ReportFonts.Descent(style);
        var baseline = top + ((line.Leading - ascent - descent) / 2) + ascent;
        var free = width - line.Indent - line.Width;
        var x = line.Indent + _align switch
        {
            TextAlign.Center => free / 2,
            TextAlign.Right => free,
            _ => 0,
        };

        // Justify by spreading the slack evenly after every glyph, except on a paragraph's last line or where the
        // gaps would gape. Even gaps matter: text extraction (pdftotext) reads uneven ones as spaces between words.
        var glyphs = line.Pieces.Sum(p => GlyphCount(p.Text));
        var gap = _align == TextAlign.Justify && !line.EndsParagraph && glyphs > 1 && free / (glyphs - 1) <= style.Size * MaxJustifyGap
            ? free / (glyphs - 1)
            : 0;

        // Same-style neighbours go out as one string, spread by character spacing: fewer operators, and text that
        // extracts as written.
        foreach (var run in Runs(line.Pieces))
        {
            canvas.DrawText(run.Text, run.Style, x, baseline, gap);
            x += run.Width + (gap * GlyphCount(run.Text));
        }
    }

    private static int GlyphCount(string text) => text.EnumerateRunes().Count();

    private static IEnumerable<(string Text, TextStyle Style, double Width)> Runs(IReadOnlyList<Glyphs> pieces)
    {
        var start = 0;
        for (var i = 1; i <= pieces.Count; i++)
        {
            if (i == pieces.Count || pieces[i].Style != pieces[start].Style)
            {
                var run = pieces.Skip(start).Take(i - start).ToList();
                yield return (string.Concat(run.Select(p => p.Text)), pieces[start].Style, run.Sum(p => p.Width));
                start = i;
            }
        }
    }
}
