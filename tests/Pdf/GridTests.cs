using VillageReports.Pdf;

namespace VillageReports.Tests.Pdf;

public class GridTests
{
    [Fact]
    public void Puts_whole_rows_on_a_page_and_frames_each_cell_with_cut_lines_once()
    {
        var cells = Enumerable.Range(1, 7).Select(i => (Element)new TextBlock($"第{i}张", Typography.Note, TextAlign.Left)).ToList();
        var page = PageSetup.GbT9704 with { Numbered = false };
        var rowHeight = Math.Floor(page.Content.Height / 3);

        var (sink, pages) = RecordingSink.Render(new Grid(cells, 2, rowHeight, Rgb.Gray), page);

        Assert.Equal(2, pages);
        Assert.Equal(["第1张", "第2张", "第3张", "第4张", "第5张", "第6张"], sink.Texts.Where(t => t.Page == 1).Select(t => t.Text));
        Assert.Equal(["第7张"], sink.Texts.Where(t => t.Page == 2).Select(t => t.Text)); // and no page number: the page says so
        var second = sink.Texts.Single(t => t.Text == "第2张");
        Assert.Equal(page.Left + (page.Content.Width / 2), second.X, 6);

        // The default dashed line is drawn dash by dash: group the dashes back into lines by where they lie.
        var lines = sink.Drawn.OfType<DrawnLine>().Where(l => l.Page == 1).ToList();
        var horizontal = lines.Where(l => l.Y1 == l.Y2).Select(l => Math.Round(l.Y1, 3)).Distinct().Order().ToList();
        var vertical = lines.Where(l => l.X1 == l.X2).Select(l => Math.Round(l.X1, 3)).Distinct().Order().ToList();
        Assert.Equal(Enumerable.Range(0, 4).Select(r => Math.Round(page.Top + (r * rowHeight), 3)), horizontal);
        Assert.Equal(Enumerable.Range(0, 3).Select(c => Math.Round(page.Left + (c * page.Content.Width / 2), 3)), vertical);
        Assert.All(lines, l => Assert.True(Math.Abs(l.X2 - l.X1) + Math.Abs(l.Y2 - l.Y1) <= Grid.CutLineDash + 1e-9, "a dash, not a solid line"));
    }

    [Fact]
    public void Cell_content_that_cannot_fit_its_cell_is_a_layout_error_naming_the_cell()
    {
        var tall = new Spacer(10);
        var cells = new List<Element> { new TextBlock(string.Concat(Enumerable.Repeat("很长的内容", 40)), Typography.Body, TextAlign.Left), tall };

        var error = Assert.Throws<LayoutException>(() => RecordingSink.Render(new Grid(cells, 2, 40) { Name = "登录卡" }));

        Assert.Contains("登录卡", error.Message, StringComparison.Ordinal);
        Assert.Contains("cell 1", error.Message, StringComparison.Ordinal);
    }
}
