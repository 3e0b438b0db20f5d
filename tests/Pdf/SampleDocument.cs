using System.Globalization;
using VillageReports.Pdf;

namespace VillageReports.Tests.Pdf;

/// <summary>A document with every element: title, headings, paragraphs, a long table, a bar and a line chart, a page break.</summary>
public static class SampleDocument
{
    public static readonly string[] Villages = ["东关村", "西关村", "南庄村", "北庄村", "柳林村", "杏园村", "石桥村", "河湾村", "前进村", "红旗村", "新华村", "王家庄村"];

    public const string Opening =
        "今年以来，全镇上下紧紧围绕发展这一主题，突出“抓学习、促廉洁、保稳定”，全年共完成税收4,812.35万元，占总任务的103.1%。完成内资6.52亿元，外资712.40万美元（分别占年任务的98.7%、101.2%）。";

    public static Element Build(int tableRows = 40)
    {
        var rows = Enumerable.Range(1, tableRows)
            .Select(i => (IReadOnlyList<string>)[
                i.ToString(CultureInfo.InvariantCulture),
                Villages[(i - 1) % Villages.Length],
                (12.5m * i).ToString("N2", CultureInfo.InvariantCulture),
                (i * 3).ToString(CultureInfo.InvariantCulture),
                i % 7 == 0 ? "未报送" : (98.5m - (i % 5)).ToString("0.0", CultureInfo.InvariantCulture) + "%",
            ])
            .ToList();

        return new Column(
        [
            new TextBlock("青山镇2026年工作报告", Typography.Title, TextAlign.Center),
            new TextBlock("（示例文档：每种版式元素各一）", Typography.Note, TextAlign.Center),
            new Spacer(Typography.GridLine / 2),
            Typography.Paragraph(Opening),
            new TextBlock("一、抓学习，促廉洁，保稳定", Typography.Heading, TextAlign.Left, keepWithNext: true),
            Typography.Paragraph("在全镇12个村成立了27支共386人的平安志愿者队伍，负责每日巡逻，确保各类隐患迅速被发现并及时解决；由专人对全镇214个平安摄像头进行维护，全年使用率在97.2%以上。"),
            new TextBlock("（一）抓学习强素质", Typography.Subheading, TextAlign.Left, keepWithNext: true),
            Typography.Paragraph(string.Concat(Enumerable.Repeat("坚持讲学习、讲党课，把学习贯彻落实到行动中、工作中，提高依法行政、依法办事的能力；", 6))),
            new Table("表1 各村主要指标", [
                new TableColumn("序号", 0.6, TextAlign.Right),
                new TableColumn("村", 1.4),
                new TableColumn("集体收入（万元）", 1.6, TextAlign.Right),
                new TableColumn("新发展党员（名）", 1.6, TextAlign.Right),
                new TableColumn("新农合参合率", 1.4, TextAlign.Right),
            ], rows, Typography.Table),
            new BarChart("各村平安摄像头数量", Villages, new ChartSeries("摄像头", Villages.Select((_, i) => (decimal?)(12 + (i * 3 % 17))).ToList()), "个", 200, Typography.Chart, "未报送"),
            new LineChart("税收收入月度走势", Enumerable.Range(1, 12).Select(m => $"{m}月").ToList(),
                [
                    new ChartSeries("2026年", Enumerable.Range(1, 12).Select(m => m == 7 ? null : (decimal?)(350 + (m * 13 % 90))).ToList()),
                    new ChartSeries("2025年", Enumerable.Range(1, 12).Select(m => (decimal?)(320 + (m * 7 % 70))).ToList()),
                ], "万元", 220, Typography.Chart),
            new PageBreak(),
            new TextBlock("附：说明", Typography.Heading, TextAlign.Left),
            new Padding(Typography.Paragraph("未报送的数字写作“未报送”，不写作0。"), 0, 0, 0, 0),
            new Row([(1, new TextBlock("制表：青山镇党政办", Typography.Note, TextAlign.Left)), (1, new TextBlock("2026年11月27日", Typography.Note, TextAlign.Right))]),
            new Rule(0.5, Rgb.Black),
        ], spacing: 8);
    }

    public static DocumentSettings Metadata { get; } = new("青山镇2026年工作报告", "青山镇", "示例文档", new DateTimeOffset(2026, 11, 27, 2, 0, 0, TimeSpan.FromHours(8)), "VillageReports tests", "zh-CN", PageSetup.GbT9704);
}
