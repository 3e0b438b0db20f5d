using VillageReports.Catalog;
using VillageReports.Pdf;
using VillageReports.Submissions;

namespace VillageReports.Reports;

/// <summary>Lays out a <see cref="MonthlyReport"/> as an official document, section by section.</summary>
public static class MonthlyReportDocument
{
    public static (Element Body, DocumentSettings Metadata) Compose(MonthlyReport report)
    {
        var period = Period.Parse(report.Period);
        var title = $"{report.TownName}{period.ToChinese()}村级统计月报";
        var parts = new List<Element>();
        var heading = 1;
        var table = 1;

        parts.AddRange(ComposeHeader(report, title));
        parts.AddRange(ComposeCompleteness(report, heading++));
        foreach (var section in report.Sections.Where(s => s.Elements.Count > 0))
        {
            parts.AddRange(ComposeSection(report, section, heading++, table++));
        }

        parts.AddRange(ComposeVillages(report, heading++, ref table));
        parts.AddRange(ComposeCharts(report));
        parts.AddRange(ComposeNotes(report, heading, table));
        parts.AddRange(ComposeSignature(report.TownName, report.GeneratedAt));

        var metadata = ReportRenderer.Document(title, report.TownName, $"{report.Period} 月报", report.GeneratedAt);
        return (new Column(parts, spacing: 6), metadata);
    }

    private static IEnumerable<Element> ComposeHeader(MonthlyReport report, string title)
    {
        yield return new TextBlock(title, Typography.Title, TextAlign.Center);
        var asOf = report.DataAsOf is { } at ? ChineseFormat.DateTime(at) : "无数据";
        yield return new TextBlock($"统计期：{Period.Parse(report.Period).ToChinese()}", Typography.Note, TextAlign.Center);
        yield return new TextBlock($"生成时间：{ChineseFormat.DateTime(report.GeneratedAt)}　　数据截至：{asOf}", Typography.Note, TextAlign.Center);
        yield return new Rule(0.75, Rgb.Series[0], 2, 6);
    }

    private static IEnumerable<Element> ComposeCompleteness(MonthlyReport report, int number)
    {
        var c = report.Completeness;
        yield return Heading(number, "报送情况");
        string Named(string status) => string.Join("、", c.Units.Where(u => u.Status == status).Select(u => u.Name));
        var text = $"本期应报单位{c.Expected}个，按时报送{c.OnTime}个，逾期报送{c.Late}个{(c.Late > 0 ? $"（{Named("late")}）" : "")}，未报送{c.Missing}个{(c.Missing > 0 ? $"（{Named("missing")}）" : "")}。";
        if (c.ElementsNotReported.Count > 0)
        {
            text += $"本月无单位报送的指标{c.ElementsNotReported.Count}项，表中记作“{ChineseFormat.NotReported}”。";
        }

        yield return Typography.Paragraph(text);
    }

    private static IEnumerable<Element> ComposeSection(MonthlyReport report, SectionFigures section, int number, int tableNumber)
    {
        yield return Heading(number, section.Name);
        TableColumn[] columns =
        [
            new("指标", 4.5), new("单位", 1.1, TextAlign.Center), new("本月", 1.3, TextAlign.Right), new("上月", 1.3, TextAlign.Right),
            new("环比", 1, TextAlign.Right), new("去年同月", 1.3, TextAlign.Right), new("同比", 1, TextAlign.Right),
            new("本年累计", 1.4, TextAlign.Right), new("年度目标", 1.3, TextAlign.Right), new("完成", 1, TextAlign.Right),
        ];
        var thisMonth = report.HasData(report.Period);
        var rows = section.Elements.Select(e => (IReadOnlyList<string>)
        [
            e.Name + (e.Kind == ElementKind.Stock ? ChineseFormat.StockMark : ""), e.Unit,
            ChineseFormat.Cell(e.ThisMonth, e.Decimals, thisMonth), ChineseFormat.Cell(e.LastMonth, e.Decimals, report.LastMonthHasData), ChineseFormat.Change(e.MonthOnMonth),
            ChineseFormat.Cell(e.SameMonthLastYear, e.Decimals, report.SameMonthLastYearHasData), ChineseFormat.Change(e.YearOnYear),
            e.Kind == ElementKind.Stock ? ChineseFormat.Level(e.YearToDate, e.Decimals, thisMonth) : ChineseFormat.Cell(e.YearToDate, e.Decimals, thisMonth),
            e.Target is null ? ChineseFormat.Dash : ChineseFormat.Number(e.Target, e.Decimals), ChineseFormat.Percent(e.TargetPercent),
        ]).ToList();
        yield return new Table($"表{tableNumber} {section.Name}", columns, rows, Typography.CompactTable, TableNote(report, section));

        foreach (var indicator in section.Indicators)
        {
            var unit = indicator.Unit;
            var lastMonth = report.LastMonthHasData ? Show(indicator.LastMonth, unit) : ChineseFormat.NoData;
            yield return Typography.Paragraph(
                $"{indicator.Name}：本月{Show(indicator.Value, unit)}（上月{lastMonth}，本年累计{Show(indicator.YearToDate, unit)}）。");
        }
    }

    /// <summary>
    /// What a reader needs to read the table right: that a stock's 本年累计 is its level at the month's end, not a sum;
    /// and, for a town that began reporting lately, that — marks months before it did (nobody failed to report them).
    /// </summary>
    private static string? TableNote(MonthlyReport report, SectionFigures section)
    {
        var notes = new List<string>();
        if (section.Elements.Any(e => e.Kind == ElementKind.Stock))
        {
            notes.Add($"带{ChineseFormat.StockMark}的为存量指标，按月末数汇总；其“本年累计”栏为期末数（各单位最近一次报送的月末数之和，数后标{ChineseFormat.StockMark}），不逐月累加。");
        }

        if (report.DataSince is { } since && (!report.LastMonthHasData || !report.SameMonthLastYearHasData || !report.HasData(report.Period)))
        {
            var first = Period.Parse(since);
            var period = Period.Parse(report.Period);
            var fromMonth = first.Year == period.Year && first.Month > 1 && first <= period ? $"；本年累计自{first.Month}月起计" : "";
            notes.Add($"本镇自{first.ToChinese()}起报送，此前月份无数据，记为{ChineseFormat.Dash}（不是未报送）{fromMonth}。");
        }

        return notes.Count == 0 ? null : "注：" + string.Concat(notes);
    }

    private static string Show(decimal? value, string unit) =>
        value is null ? ChineseFormat.NotReported : ChineseFormat.Number(value, 1) + unit;

    private static List<Element> ComposeVillages(MonthlyReport report, int number, ref int tableNumber)
    {
        var parts = new List<Element> { Heading(number, "各村主要指标") };
        var columns = report.VillageTables.SelectMany(t => t.Columns.Select((c, i) => (Head: c, Values: t.Rows.Select(r => r.Values[i]).ToList()))).ToList();
        var villages = report.VillageTables.Count > 0 ? report.VillageTables[0].Rows.Select(r => r.Name).ToList() : [];
        var groups = FitAcrossPage(columns, villages);
        var part = 1;
        foreach (var group in groups)
        {
            TableColumn[] heads = [new("村", 1.3), .. group.Select(c => new TableColumn(VillageHeader(c.Head), 1.2, TextAlign.Right))];
            var rows = villages.Select((name, r) => (IReadOnlyList<string>)[name, .. group.Select(c => ChineseFormat.Number(c.Values[r], c.Head.Decimals))]).ToList();
            var suffix = groups.Count > 1 ? $"（{ChineseFormat.Ordinal(part++)}）" : "";
            parts.Add(new Table($"表{tableNumber++} 各村主要指标{suffix}", heads, rows, Typography.Table));
        }

        return parts;
    }

    /// <summary>The name on one line and the unit under it, so a header breaks between them and never inside a word.</summary>
    private static string VillageHeader(ColumnHead head) => $"{head.Name}\n（{head.Unit}）";

    /// <summary>Key elements in groups as wide as the page holds with every header on whole lines, in catalog order.</summary>
    private static List<List<(ColumnHead Head, List<decimal?> Values)>> FitAcrossPage(List<(ColumnHead Head, List<decimal?> Values)> columns, List<string> villages)
    {
        var style = Typography.Table;
        double Needs(string text, TextStyle textStyle) => ReportFonts.Width(text, textStyle) + (2 * style.CellPaddingX) + 1;
        var available = PageSetup.GbT9704.Content.Width - villages.Append("村").Select(v => Needs(v, style.Body)).DefaultIfEmpty(0).Max();
        var groups = new List<List<(ColumnHead Head, List<decimal?> Values)>>();
        var used = double.MaxValue;
        foreach (var column in columns)
        {
            var width = Math.Max(
                VillageHeader(column.Head).Split('\n').Max(line => Needs(line, style.Header)),
                column.Values.Select(v => Needs(ChineseFormat.Number(v, column.Head.Decimals), style.Body)).DefaultIfEmpty(0).Max());
            if (used + width > available)
            {
                groups.Add([]);
                used = 0;
            }

            groups[^1].Add(column);
            used += width;
        }

        return groups;
    }

    private static IEnumerable<Element> ComposeCharts(MonthlyReport report)
    {
        var bar = report.VillageChart;
        yield return new BarChart(bar.Title, bar.Labels, new ChartSeries(bar.Series[0].Name, bar.Series[0].Values), bar.Unit, 210, Typography.Chart, ChineseFormat.NotReported);
        var line = report.TrendChart;
        yield return new LineChart(line.Title, line.Labels, line.Series.Select(s => new ChartSeries(s.Name, s.Values)).ToList(), line.Unit, 210, Typography.Chart);
    }

    private static IEnumerable<Element> ComposeNotes(MonthlyReport report, int number, int tableNumber)
    {
        yield return Heading(number, "数据提示与更正");
        yield return Typography.Paragraph(report.Warnings.Count == 0
            ? "本月各单位报送的数据与上月相比无异常波动。"
            : $"以下{report.Warnings.Count}项数据超过上月的3倍或不足上月的三分之一，已接收，请各单位核实。");
        if (report.Warnings.Count > 0)
        {
            TableColumn[] columns = [new("单位", 1.2), new("指标", 2.4), new("本月", 1, TextAlign.Right), new("上月", 1, TextAlign.Right), new("变化", 1, TextAlign.Right)];
            var rows = report.Warnings.Select(w => (IReadOnlyList<string>)
            [
                w.UnitName, w.ElementName, Plain(w.Value), Plain(w.Previous), ChineseFormat.Change(Change.Between(w.Value, w.Previous)),
            ]).ToList();
            yield return new Table($"表{tableNumber} 异常波动提示", columns, rows, Typography.Table);
        }

        yield return Typography.Paragraph(report.Amendments.Count == 0
            ? "本期报表生成后未发生数据更正。"
            : $"本期报表生成后经镇党政办更正{report.Amendments.Count}次：");
        foreach (var a in report.Amendments)
        {
            yield return new TextBlock($"{a.UnitName} 第{a.Revision}版（{ChineseFormat.DateTime(a.At)}）：{a.Reason}", Typography.Note, TextAlign.Left);
        }
    }

    /// <summary>
    /// 落款: the issuing bodies and the report's date, right-aligned two characters in from the margin, two lines
    /// below the text (GB/T 9704 发文机关署名 and 成文日期). The date is the one in the report's record, set by the
    /// job's clock, so the same report always carries the same date.
    /// </summary>
    internal static IEnumerable<Element> ComposeSignature(string townName, DateTimeOffset dated)
    {
        var day = dated.ToOffset(Common.ChinaTime.Offset);
        var indent = Typography.Body.Size * 2;
        yield return new Spacer(Typography.GridLine);
        yield return new Padding(new TextBlock($"中共{townName}委员会\u3000{townName}人民政府\n{day.Year}年{day.Month}月{day.Day}日", Typography.Body, TextAlign.Right), 0, indent, 0, 0);
    }

    private static string Plain(decimal value) => value.ToString("#,0.####", System.Globalization.CultureInfo.InvariantCulture);

    private static TextBlock Heading(int number, string text) =>
        new($"{ChineseFormat.Ordinal(number)}、{text}", Typography.Heading, TextAlign.Left, keepWithNext: true);
}
