namespace VillageReports.Pdf;

/// <summary>A run of text in one style.</summary>
public sealed record Span(string Text, TextStyle Style);

/// <summary>An unbreakable piece of a line: one CJK character or punctuation mark, a Latin word or number, or a space.</summary>
public readonly record struct Glyphs(string Text, TextStyle Style, double Width, bool IsSpace, bool IsNewline);

/// <summary>A laid-out line: its pieces, natural width, and whether it ends a paragraph (so is not justified).</summary>
public sealed record Line(IReadOnlyList<Glyphs> Pieces, double Width, double Indent, bool EndsParagraph)
{
    public double Leading => Pieces.Count == 0 ? 0 : Pieces.Max(p => p.Style.Leading);
    public TextStyle MainStyle => Pieces.MaxBy(p => p.Style.Size)!.Style;
    public string Text => string.Concat(Pieces.Select(p => p.Text));
}

/// <summary>
/// Chinese line breaking: any CJK character may end a line, but no line starts with closing punctuation or ends
/// with opening punctuation (the piece before moves down with it), and numbers and Latin words never split.
/// </summary>
public static class LineBreaker
{
    /// <summary>Marks that close what precedes them; <c>*</c> marks the word before it (a stock, a footnote) and stays with it.</summary>
    public const string Closing = "，。、；：？！”’）》】〉」』〕…·%‰,.;:?!)]}*";
    public const string Opening = "“‘（《【〈「『〔([{";

    public static IReadOnlyList<Line> Break(IReadOnlyList<Span> spans, double width, double firstLineIndent, string elementName)
    {
        var pieces = Tokenize(spans);
        var lines = new List<Line>();
        var i = 0;
        var first = true;
        while (i < pieces.Count)
        {
            var indent = first ? firstLineIndent : 0;
            first = false;
            if (pieces[i].IsNewline)
            {
                lines.Add(new Line([], 0, indent, true));
                i++;
                first = true;
                continue;
            }

            var j = i;
            var used = 0.0;
            while (j < pieces.Count && !pieces[j].IsNewline && used + pieces[j].Width <= width - indent + LayoutState.Epsilon)
            {
                used += pieces[j].Width;
                j++;
            }

            if (j == pieces.Count || pieces[j].IsNewline)
            {
                lines.Add(MakeLine(pieces, i, j, indent, endsParagraph: true));
                i = j < pieces.Count ? j + 1 : j;
                first = true;
                continue;
            }

            if (j == i)
            {
                throw new LayoutException($"{elementName}: '{pieces[i].Text}' ({pieces[i].Width:0.#} pt) is wider than the line ({width - indent:0.#} pt) and cannot be broken.");
            }

            var end = j;
            while (end > i + 1 && (StartsForbidden(pieces[end]) || EndsForbidden(pieces[end - 1])))
            {
                end--;
            }

            if (StartsForbidden(pieces[end]) || EndsForbidden(pieces[end - 1]))
            {
                end = j; // nothing better exists; keep the greedy break rather than fail
            }

            lines.Add(MakeLine(pieces, i, end, indent, endsParagraph: false));
            i = end;
            while (i < pieces.Count && pieces[i].IsSpace)
            {
                i++; // a space at a break belongs to neither line
            }
        }

        return lines;
    }

    /// <summary>The widest piece no line break may cut: the narrowest line that can hold the text.</summary>
    public static double WidestUnbreakable(IReadOnlyList<Span> spans) =>
        Tokenize(spans).Where(p => !p.IsSpace && !p.IsNewline).Select(p => p.Width).DefaultIfEmpty(0).Max();

    private static bool StartsForbidden(Glyphs piece) => piece.Text.Length == 1 && Closing.Contains(piece.Text[0], StringComparison.Ordinal);

    private static bool EndsForbidden(Glyphs piece) => piece.Text.Length == 1 && Opening.Contains(piece.Text[0], StringComparison.Ordinal);

    private static Line MakeLine(List<Glyphs> pieces, int from, int to, double indent, bool endsParagraph)
    {
        while (to > from && pieces[to - 1].IsSpace)
        {
            to--;
        }

        var line = pieces.GetRange(from, to - from);
        return new Line(line, line.Sum(p => p.Width), indent, endsParagraph);
    }

    private static List<Glyphs> Tokenize(IReadOnlyList<Span> spans)
    {
        var pieces = new List<Glyphs>();
        foreach (var span in spans)
        {
            var text = span.Text;
            var k = 0;
            while (k < text.Length)
            {
                var c = text[k];
                if (c == '\n')
                {
                    pieces.Add(new Glyphs("\n", span.Style, 0, IsSpace: false, IsNewline: true));
                    k++;
                }
                else if (c == ' ')
                {
                    pieces.Add(new Glyphs(" ", span.Style, ReportFonts.CharWidth(' ', span.Style), IsSpace: true, IsNewline: false));
                    k++;
                }
                else if (IsWordChar(c))
                {
                    var start = k;
                    while (k < text.Length && IsWordChar(text[k]))
                    {
                        k++;
                    }

                    var word = text[start..k];
                    pieces.Add(new Glyphs(word, span.Style, ReportFonts.Width(word, span.Style), IsSpace: false, IsNewline: false));
                }
                else
                {
                    var length = char.IsHighSurrogate(c) && k + 1 < text.Length ? 2 : 1;
                    var glyph = text.Substring(k, length);
                    pieces.Add(new Glyphs(glyph, span.Style, ReportFonts.Width(glyph, span.Style), IsSpace: false, IsNewline: false));
                    k += length;
                }
            }
        }

        return pieces;
    }

    // Letters, digits and the marks inside numbers stay together: 412.35, 2026-10, 103.1%, GB/T.
    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or ',' or '%' or '-' or '+' or '/' or ':' or '_' or '\'' or '×';
}
