using VillageReports.Pdf;

namespace VillageReports.Tests.Pdf;

public class LayoutTests
{
    private static readonly PageSetup Page = PageSetup.GbT9704;

    private static Table LongTable(int rows) => new(
        "表1 各村主要指标",
        [new TableColumn("村"), new TableColumn("数值", 1, TextAlign.Right)],
        Enumerable.Range(1, rows).Select(i => (IReadOnlyList<string>)[$"第{i}村", $"{i}.00"]).ToList(),
        Typography.Table);

    [Fact]
    public void Table_repeats_its_header_on_every_page_and_continues_its_caption()
    {
        var (sink, pages) = RecordingSink.Render(LongTable(120));

        Assert.True(pages >= 3, $"{pages} pages");
        for (var page = 1; page <= pages; page++)
        {
            var texts = sink.Texts.Where(t => t.Page == page).Select(t => t.Text).ToList();
            Assert.Contains("村", texts);
            Assert.Contains("数值", texts);
            Assert.Contains(page == 1 ? "表1 各村主要指标" : "续表1 各村主要指标", texts);
        }
    }

    [Fact]
    public void Table_rows_are_never_split_or_lost()
    {
        var (sink, _) = RecordingSink.Render(LongTable(120));

        var rows = sink.Texts.Where(t => t.Text.StartsWith('第')).Select(t => t.Text).ToList();

        Assert.Equal(Enumerable.Range(1, 120).Select(i => $"第{i}村"), rows);
        var values = sink.Texts.Where(t => t.Text.EndsWith(".00", StringComparison.Ordinal)).ToList();
        Assert.Equal(120, values.Count);
        Assert.All(rows.Zip(values), pair => Assert.Equal(pair.First.Replace("第", "", StringComparison.Ordinal).Replace("村", ".00", StringComparison.Ordinal), pair.Second.Text));
    }

    [Fact]
    public void Figures_in_a_right_aligned_column_share_their_right_edge()
    {
        var (sink, _) = RecordingSink.Render(LongTable(10));

        var rights = sink.Texts.Where(t => t.Text.EndsWith(".00", StringComparison.Ordinal)).Select(t => Math.Round(t.Right, 2)).Distinct().ToList();

        Assert.Single(rights);
    }

    [Fact]
    public void The_same_tree_rendered_twice_draws_the_same_pages()
    {
        var document = SampleDocument.Build();

        var (first, firstPages) = RecordingSink.Render(document);
        var (second, secondPages) = RecordingSink.Render(document);

        Assert.True(firstPages >= 3, $"{firstPages} pages");
        Assert.Equal(firstPages, secondPages);
        Assert.Equal(first.Drawn, second.Drawn);
    }

    [Fact]
    public void Nothing_crosses_the_margins()
    {
        var (sink, _) = RecordingSink.Render(SampleDocument.Build());
        var content = Page.Content;
        var (left, top, right, bottom) = (Page.Left, Page.Top, Page.Left + content.Width, Page.Top + content.Height);

        foreach (var drawn in sink.Drawn)
        {
            switch (drawn)
            {
                case DrawnText t when t.Text.StartsWith('—'):
                    Assert.True(t.Baseline > bottom, "page numbers sit below the type area");
                    break;
                case DrawnText t:
                    Assert.True(t.X >= left - 0.01 && t.Right <= right + 0.01, $"'{t.Text}' runs from {t.X:0.#} to {t.Right:0.#} on page {t.Page}");
                    Assert.True(t.Baseline - ReportFonts.Ascent(t.Style) >= top - 0.01 && t.Baseline + ReportFonts.Descent(t.Style) <= bottom + 0.01, $"'{t.Text}' at {t.Baseline:0.#} on page {t.Page}");
                    break;
                case DrawnLine l:
                    Assert.True(Math.Min(l.X1, l.X2) >= left - 0.01 && Math.Max(l.X1, l.X2) <= right + 0.01 && Math.Min(l.Y1, l.Y2) >= top - 0.01 && Math.Max(l.Y1, l.Y2) <= bottom + 0.01, $"line on page {l.Page}");
                    break;
                case DrawnRectangle r:
                    Assert.True(r.X >= left - 0.01 && r.X + r.Width <= right + 0.01 && r.Y >= top - 0.01 && r.Y + r.Height <= bottom + 0.01, $"rectangle on page {r.Page}");
                    break;
            }
        }
    }

    [Fact]
    public void No_line_of_a_rendered_paragraph_starts_with_closing_punctuation()
    {
        var (sink, _) = RecordingSink.Render(SampleDocument.Build());

        var lineStarts = sink.Texts.GroupBy(t => (t.Page, Math.Round(t.Baseline, 1))).Select(g => g.MinBy(t => t.X)!.Text[0]);

        Assert.DoesNotContain(lineStarts, c => LineBreaker.Closing.Contains(c, StringComparison.Ordinal));
    }

    [Fact]
    public void Pages_are_numbered_at_the_foot_on_the_outer_side()
    {
        var (sink, pages) = RecordingSink.Render(SampleDocument.Build());

        var numbers = sink.Texts.Where(t => t.Text.StartsWith('—')).ToList();

        Assert.Equal(Enumerable.Range(1, pages).Select(DocumentRenderer.PageNumberText), numbers.Select(n => n.Text));
        Assert.All(numbers.Where(n => n.Page % 2 == 1), n => Assert.True(n.X > Page.Width / 2, "odd pages: right"));
        Assert.All(numbers.Where(n => n.Page % 2 == 0), n => Assert.True(n.X < Page.Width / 2, "even pages: left"));
        Assert.All(numbers, n => Assert.Equal(14, n.Style.Size));
    }

    [Fact]
    public void Body_lines_sit_on_the_regular_grid()
    {
        var paragraph = Typography.Paragraph(string.Concat(Enumerable.Repeat("全镇上下紧紧围绕发展这一主题，", 40)));

        var (sink, pages) = RecordingSink.Render(paragraph);

        var firstPage = sink.Texts.Where(t => t.Page == 1 && !t.Text.StartsWith('—')).Select(t => t.Baseline).Distinct().Order().ToList();
        Assert.Equal(22, firstPage.Count);
        Assert.All(firstPage.Zip(firstPage.Skip(1)), p => Assert.Equal(Typography.GridLine, p.Second - p.First, 3));
        Assert.True(pages >= 2);
    }

    [Fact]
    public void A_heading_moves_to_the_next_page_with_the_paragraph_after_it()
    {
        var filler = Typography.Paragraph(string.Concat(Enumerable.Repeat("全镇上下紧紧围绕发展这一主题，", 26)));
        var heading = new TextBlock("二、建园区，育龙头，创小镇", Typography.Heading, TextAlign.Left, keepWithNext: true);
        var table = LongTable(30);

        var (sink, _) = RecordingSink.Render(new Column([filler, heading, table]));

        var headingPage = sink.Texts.Single(t => t.Text == "二、建园区，育龙头，创小镇").Page;
        var captionPage = sink.Texts.First(t => t.Text == "表1 各村主要指标").Page;
        Assert.Equal(captionPage, headingPage);
    }

    [Fact]
    public void A_paragraph_keeps_each_runs_style_and_reads_as_written()
    {
        var bold = Typography.Body with { Bold = true };
        var paragraph = Typography.Paragraph([new Span("全年完成税收", Typography.Body), new Span("4,812.35万元", bold), new Span("，占总任务的103.1%。", Typography.Body)]);

        var (sink, _) = RecordingSink.Render(paragraph);

        var texts = sink.Texts.Where(t => !t.Text.StartsWith('—')).OrderBy(t => t.X).ToList();
        Assert.Equal("全年完成税收4,812.35万元，占总任务的103.1%。", string.Concat(texts.Select(t => t.Text)));
        Assert.Equal("4,812.35万元", Assert.Single(texts, t => t.Style.Bold).Text);
        Assert.All(texts.Zip(texts.Skip(1)), pair => Assert.Equal(pair.First.Right, pair.Second.X, 3));
    }

    [Fact]
    public void A_column_widens_for_its_figures_and_header_lines_instead_of_shrinking_or_splitting_them()
    {
        var table = new Table("表1 宽窄", [new TableColumn("村", 6), new TableColumn("村集体经济收入\n（万元）", 1, TextAlign.Right), new TableColumn("同比", 1, TextAlign.Right)],
            [["东关村", "12,345,678.90", "+100.0%"], ["西关村", "1.00", "基数为0"]], Typography.Table);

        var (sink, _) = RecordingSink.Render(table);

        var texts = sink.Texts.Where(t => !t.Text.StartsWith('—')).ToList();
        Assert.Contains(texts, t => t.Text == "村集体经济收入");
        Assert.Contains(texts, t => t.Text == "（万元）");
        Assert.Contains(texts, t => t.Text == "12,345,678.90");
        Assert.Contains(texts, t => t.Text == "+100.0%");
        Assert.Contains(texts, t => t.Text == "基数为0");
        Assert.All(texts.Where(t => t.Text != "表1 宽窄"), t => Assert.Equal(9, t.Style.Size));
    }

    [Fact]
    public void A_tables_note_goes_to_the_next_page_with_its_last_row()
    {
        var filler = Typography.Paragraph(string.Concat(Enumerable.Repeat("全镇上下紧紧围绕发展这一主题，", 25)));
        var probe = RecordingSink.Render(new Column([filler, LongTable(1)]));
        var rowsThatFit = Enumerable.Range(1, 40).Last(n => RecordingSink.Render(new Column([filler, LongTable(n)])).Pages == probe.Pages);
        var table = new Table("表1 各村主要指标", [new TableColumn("村"), new TableColumn("数值", 1, TextAlign.Right)],
            Enumerable.Range(1, rowsThatFit).Select(i => (IReadOnlyList<string>)[$"第{i}村", $"{i}.00"]).ToList(), Typography.Table, "注：数值为示例。");

        var (sink, pages) = RecordingSink.Render(new Column([filler, table]));

        var note = sink.Texts.Single(t => t.Text == "注：数值为示例。");
        var lastRow = sink.Texts.Single(t => t.Text == $"第{rowsThatFit}村");
        Assert.Equal(pages, note.Page);
        Assert.Equal(note.Page, lastRow.Page);
        Assert.Equal(note.Page - 1, sink.Texts.Single(t => t.Text == "第1村").Page);
    }

    [Fact]
    public void A_paragraph_that_starts_at_the_foot_of_a_page_starts_with_two_lines_or_moves()
    {
        var lines = (int)Math.Floor((Page.Content.Height + LayoutState.Epsilon) / Typography.GridLine);
        var perLine = (int)Math.Floor(Page.Content.Width / Typography.Body.Size);
        var filler = Typography.Paragraph(string.Concat(Enumerable.Repeat("全", perLine - 2 + (perLine * (lines - 3))))); // leaves room for the heading and one line
        var heading = new TextBlock("二、建园区，育龙头，创小镇", Typography.Heading, TextAlign.Left, keepWithNext: true);
        var paragraph = Typography.Paragraph(string.Concat(Enumerable.Repeat("全镇上下紧紧围绕发展这一主题，", 6)));

        var (sink, _) = RecordingSink.Render(new Column([filler, heading, paragraph]));

        var headingPage = sink.Texts.Single(t => t.Text == "二、建园区，育龙头，创小镇").Page;
        var firstLines = sink.Texts.Where(t => t.Page == headingPage && t.Style == Typography.Body && t.Baseline > sink.Texts.Single(h => h.Text.StartsWith("二、", StringComparison.Ordinal)).Baseline).ToList();
        Assert.True(firstLines.Select(t => t.Baseline).Distinct().Count() >= 2, $"{firstLines.Count} line(s) under the heading on page {headingPage}");
    }

    [Fact]
    public void A_page_break_starts_a_new_page()
    {
        var (sink, pages) = RecordingSink.Render(new Column([new TextBlock("甲", Typography.Body), new PageBreak(), new TextBlock("乙", Typography.Body)]));

        Assert.Equal(2, pages);
        Assert.Equal(2, sink.Texts.Single(t => t.Text == "乙").Page);
    }

    [Fact]
    public void A_table_wider_than_the_page_is_a_layout_error()
    {
        var table = new Table("宽表", [new TableColumn("甲", FixedWidth: 300), new TableColumn("乙", FixedWidth: 300)], [], Typography.Table);

        var error = Assert.Throws<LayoutException>(() => RecordingSink.Render(table));

        Assert.Contains("宽表", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_taller_than_a_page_is_a_layout_error_not_an_endless_loop()
    {
        var tall = string.Concat(Enumerable.Repeat("很长的单元格内容", 400));
        var table = new Table("高表", [new TableColumn("说明")], [[tall]], Typography.Table);

        var error = Assert.Throws<LayoutException>(() => RecordingSink.Render(table));

        Assert.Contains("高表", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Chart_ticks_are_round_and_cover_the_maximum()
    {
        Assert.Equal([0, 100, 200, 300, 400, 500], Chart.Ticks(437));
        Assert.Equal([0, 0.2, 0.4, 0.6, 0.8, 1], Chart.Ticks(0.93));
        Assert.Equal([0, 1], Chart.Ticks(0));
    }

    [Fact]
    public void A_bar_chart_leaves_no_bar_for_a_value_not_reported()
    {
        var chart = new BarChart("各村", ["甲", "乙", "丙"], new ChartSeries("x", [5, null, 0]), "个", 200, Typography.Chart, "未报送");

        var (sink, _) = RecordingSink.Render(chart);

        var bars = sink.Drawn.OfType<DrawnRectangle>().Where(r => r.Width > 12).ToList();
        Assert.Equal(2, bars.Count);
        var label = sink.Texts.Single(t => t.Text == "乙");
        var missing = sink.Texts.Single(t => t.Text == "未报送");
        Assert.Equal((label.X + label.Right) / 2, (missing.X + missing.Right) / 2, 1);
        Assert.True(missing.Baseline < label.Baseline, "the mark stands above the axis, where the bar would be");
    }

    [Fact]
    public void A_chart_has_a_legend_only_for_two_or_more_series_with_data()
    {
        var months = Enumerable.Range(1, 12).Select(m => $"{m}月").ToList();
        ChartSeries Series(string name, bool data) => new(name, months.Select((_, i) => data ? (decimal?)(10 + i) : null).ToList());

        var (one, _) = RecordingSink.Render(new LineChart("单列", months, [Series("今年", true), Series("去年", false)], "万元", 200, Typography.Chart));
        var (two, _) = RecordingSink.Render(new LineChart("两列", months, [Series("今年", true), Series("去年", true)], "万元", 200, Typography.Chart));

        Assert.DoesNotContain(one.Texts, t => t.Text is "今年" or "去年");
        Assert.Contains(two.Texts, t => t.Text == "今年");
        Assert.Contains(two.Texts, t => t.Text == "去年");
    }
}
