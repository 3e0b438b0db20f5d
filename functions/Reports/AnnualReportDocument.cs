using System.Globalization;
using VillageReports.Catalog;
using VillageReports.Pdf;

namespace VillageReports.Reports;

/// <summary>Lays out an <see cref="AnnualReport"/>: the narrative in the model report's three parts, then the appendices.</summary>
public static class AnnualReportDocument
{
    public static (Element Body, DocumentSettings Metadata) Compose(AnnualReport report)
    {
        var title = $"{report.Year}年述学述职述廉述法报告";
        var parts = new List<Element>();
        parts.AddRange(ComposeTitle(report, title));
        parts.AddRange(ComposeNarrative(report));
        parts.AddRange(MonthlyReportDocument.ComposeSignature(report.TownName, report.GeneratedAt));
        parts.Add(new PageBreak());
        var table = 1;
        parts.AddRange(ComposeFigures(report, ref table));
        parts.AddRange(ComposeCompleteness(report, table));
        parts.AddRange(ComposeCharts(report));
        var metadata = ReportRenderer.Document($"{report.TownName}{title}", report.TownName, $"{report.Year} 年度报告", report.GeneratedAt);
        return (new Column(parts, spacing: 4), metadata);
    }

    private static IEnumerable<Element> ComposeTitle(AnnualReport report, string title)
    {
        yield return new TextBlock(title, Typography.Title, TextAlign.Center);
        yield return new TextBlock($"（{report.TownName}党政领导班子）", Typography.Body, TextAlign.Center);
        yield return new Spacer(Typography.GridLine / 2);
    }

    private static IEnumerable<Element> ComposeNarrative(AnnualReport report)
    {
        foreach (var paragraph in report.Narrative)
        {
            if (paragraph.StartsWith("## ", StringComparison.Ordinal))
            {
                yield return new TextBlock(paragraph[3..], Typography.Subheading, TextAlign.Left, firstLineIndent: Typography.Body.Size * 2, keepWithNext: true);
            }
            else if (paragraph.StartsWith("# ", StringComparison.Ordinal))
            {
                yield return new TextBlock(paragraph[2..], Typography.Heading, TextAlign.Left, firstLineIndent: Typography.Body.Size * 2, keepWithNext: true);
            }
            else
            {
                yield return Typography.Paragraph(paragraph);
            }
        }
    }

    private static List<Element> ComposeFigures(AnnualReport report, ref int table)
    {
        var parts = new List<Element>
        {
            new TextBlock("附件1", Typography.Heading, TextAlign.Left, keepWithNext: true),
            new TextBlock($"{report.TownName}{report.Year}年主要指标", Typography.Subheading, TextAlign.Center, keepWithNext: true),
        };
        var sections = report.Sections.Where(s => s.Elements.Count > 0).ToList();
        var thisYear = report.MonthsWithoutData.Count < 12;
        var lastYear = report.LastYearHasData;
        foreach (var section in sections)
        {
            TableColumn[] columns =
            [
                new("指标", 4.5), new("单位", 1.1, TextAlign.Center), new($"{report.Year}年", 1.6, TextAlign.Right), new($"{report.Year - 1}年", 1.6, TextAlign.Right),
                new("同比", 1.1, TextAlign.Right), new("年度目标", 1.5, TextAlign.Right), new("完成", 1.1, TextAlign.Right), new("报送单位", 1.1, TextAlign.Right),
            ];
            var rows = section.Elements.Select(e => (IReadOnlyList<string>)
            [
                e.Name + (e.Kind == ElementKind.Stock ? ChineseFormat.StockMark : ""), e.Unit,
                Year(e, e.Year, thisYear), Year(e, e.LastYear, lastYear),
                ChineseFormat.Change(e.Change), e.Target is null ? ChineseFormat.Dash : ChineseFormat.Number(e.Target, e.Decimals), ChineseFormat.Percent(e.TargetPercent),
                string.Create(CultureInfo.InvariantCulture, $"{e.UnitsReporting}/{e.Expected}"),
            ]).ToList();
            rows.AddRange(section.Indicators.Select(i => (IReadOnlyList<string>)
            [
                i.Name, i.Unit.Length == 0 ? ChineseFormat.Dash : i.Unit, ChineseFormat.Cell(i.Value, 1, thisYear), ChineseFormat.Cell(i.LastYear, 1, lastYear), "", "", "", "",
            ]));
            var note = section == sections[^1] ? FiguresNote(report) : null;
            parts.Add(new Table($"表{table++} {section.Name}", columns, rows, Typography.CompactTable, note));
        }

        return parts;
    }

    /// <summary>A stock's figure for a year is its level at the year's end: marked, so it is not read as a year's total.</summary>
    private static string Year(AnnualElementRow row, decimal? value, bool hasData) =>
        row.Kind == ElementKind.Stock ? ChineseFormat.Level(value, row.Decimals, hasData) : ChineseFormat.Cell(value, row.Decimals, hasData);

    private static string FiguresNote(AnnualReport report)
    {
        var note = $"注：流量指标为全年合计；带{ChineseFormat.StockMark}的存量指标为年末数（各单位最后一次报送的月末数之和），其数标{ChineseFormat.StockMark}，不逐月累加；比率按全镇分子、分母合计重新计算。";
        var without = report.MonthsWithoutData;
        if (without.Count is > 0 and < 12)
        {
            note += $"{ChineseFormat.Months(without)}本镇尚未开始报送，无数据，全年数自{without[^1] + 1}月起计。";
        }
        else if (without.Count == 12)
        {
            note += $"本镇{report.Year}年尚未开始报送，记为{ChineseFormat.Dash}。";
        }

        if (!report.LastYearHasData)
        {
            note += $"{report.Year - 1}年本镇未全年报送，无可比数据，记为{ChineseFormat.Dash}。";
        }

        return note;
    }

    private static IEnumerable<Element> ComposeCompleteness(AnnualReport report, int table)
    {
        yield return new TextBlock("附件2", Typography.Heading, TextAlign.Left, keepWithNext: true);
        yield return new TextBlock($"{report.Year}年各单位报送情况", Typography.Subheading, TextAlign.Center, keepWithNext: true);
        TableColumn[] columns = [new("单位", 1.4), new("按时（月）", 1, TextAlign.Right), new("逾期（月）", 1, TextAlign.Right), new("未报送月份", 3)];
        var rows = report.Completeness.Select(u => (IReadOnlyList<string>)
        [
            u.Name, u.OnTime.ToString(CultureInfo.InvariantCulture), u.Late.ToString(CultureInfo.InvariantCulture),
            u.MissingMonths.Count == 0 ? "无" : string.Join("、", u.MissingMonths.Select(m => $"{m}月")),
        ]).ToList();
        var note = report.MonthsWithoutData.Count > 0
            ? $"注：{ChineseFormat.Months(report.MonthsWithoutData)}本镇尚未开始报送，不计为未报送。"
            : null;
        yield return new Table($"表{table} 各单位报送情况", columns, rows, Typography.Table, note);
    }

    private static IEnumerable<Element> ComposeCharts(AnnualReport report)
    {
        yield return new TextBlock("附件3", Typography.Heading, TextAlign.Left, keepWithNext: true);
        foreach (var trend in report.Trends)
        {
            yield return new LineChart(trend.Title, trend.Labels, trend.Series.Select(s => new ChartSeries(s.Name, s.Values)).ToList(), trend.Unit, 190, Typography.Chart);
        }

        var bar = report.VillageChart;
        yield return new BarChart(bar.Title, bar.Labels, new ChartSeries(bar.Series[0].Name, bar.Series[0].Values), bar.Unit, 200, Typography.Chart, ChineseFormat.NotReported);
    }
}
