using VillageReports.Pdf;

namespace VillageReports.Tests.Pdf;

public class LineBreakerTests
{
    private static readonly TextStyle Body = Typography.Body;

    private static IReadOnlyList<Line> Break(string text, double widthInCharacters) =>
        LineBreaker.Break([new Span(text, Body)], Body.Size * widthInCharacters, 0, "test");

    [Fact]
    public void No_line_starts_with_closing_punctuation()
    {
        // Ten characters to a line, with a comma or full stop falling at every possible line start.
        for (var shift = 0; shift < 10; shift++)
        {
            var text = new string('镇', shift) + "全年完成税收，占总任务。新建活动室，修缮活动室。一二三四五六七八九十，“四议两公开”工作法（试行）。";

            var lines = Break(text, 10);

            Assert.All(lines.Skip(1), l => Assert.DoesNotContain(l.Text[0], LineBreaker.Closing));
            Assert.All(lines, l => Assert.DoesNotContain(l.Text[^1], LineBreaker.Opening));
            Assert.Equal(text, string.Concat(lines.Select(l => l.Text)));
        }
    }

    [Fact]
    public void A_stock_mark_stays_with_the_word_it_marks()
    {
        for (var shift = 0; shift < 10; shift++)
        {
            var text = new string('镇', shift) + "注：带*的为存量指标，本年累计栏为期末数，数后标*，不逐月累加。";

            var lines = Break(text, 10);

            Assert.All(lines.Skip(1), l => Assert.NotEqual('*', l.Text[0]));
            Assert.Equal(text, string.Concat(lines.Select(l => l.Text)));
        }
    }

    [Fact]
    public void Numbers_and_latin_words_are_never_split()
    {
        var lines = Break("全镇税收4812.35万元占比103.1%按GB/T9704排版共计1234567890元整", 8);

        var joined = lines.Select(l => l.Text).ToList();
        Assert.Contains(joined, l => l.Contains("4812.35", StringComparison.Ordinal));
        Assert.Contains(joined, l => l.Contains("103.1%", StringComparison.Ordinal));
        Assert.Contains(joined, l => l.Contains("GB/T9704", StringComparison.Ordinal));
        Assert.Contains(joined, l => l.Contains("1234567890", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_line_fits_its_width()
    {
        var width = Body.Size * 12;

        var lines = LineBreaker.Break([new Span(SampleDocument.Opening, Body)], width, Body.Size * 2, "test");

        Assert.All(lines, l => Assert.True(l.Width + l.Indent <= width + 0.01, $"'{l.Text}' is {l.Width + l.Indent} pt"));
        Assert.Equal(Body.Size * 2, lines[0].Indent);
    }

    [Fact]
    public void A_word_wider_than_the_line_is_a_layout_error_naming_the_element()
    {
        var error = Assert.Throws<LayoutException>(() =>
            LineBreaker.Break([new Span("12345678901234567890", Body)], Body.Size * 3, 0, "paragraph 'x'"));

        Assert.Contains("paragraph 'x'", error.Message, StringComparison.Ordinal);
        Assert.Contains("12345678901234567890", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_newline_starts_a_new_paragraph_line()
    {
        var lines = Break("第一行\n第二行", 20);

        Assert.Equal(["第一行", "第二行"], lines.Select(l => l.Text));
        Assert.True(lines[0].EndsParagraph);
    }
}
