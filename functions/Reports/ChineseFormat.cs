using System.Globalization;
using VillageReports.Submissions;

namespace VillageReports.Reports;

/// <summary>
/// How figures read in a Chinese official document: 4,812.35, 103.1%, 2026年10月; 未报送 for a figure someone should
/// have reported and did not, 无数据 (or — in a table) for a period before the town's data begins.
/// </summary>
public static class ChineseFormat
{
    public const string NotReported = "未报送";

    /// <summary>A period before the town reported anything: nobody failed to report, there is simply nothing to show.</summary>
    public const string NoData = "无数据";

    /// <summary>The table cell for a period with no data.</summary>
    public const string Dash = "—";

    /// <summary>Marks a stock (a level at the period's end, not a sum) by its name and by its year-to-date or yearly figure.</summary>
    public const string StockMark = "*";

    /// <summary>A figure at the precision shown (rounded half away from zero, 四舍五入), or 未报送.</summary>
    public static string Number(decimal? value, int decimals) =>
        value is { } v
            ? Aggregator.Round(v, decimals).ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
            : NotReported;

    /// <summary>A table cell: the figure, 未报送, or — when the period lies before the town's data begins.</summary>
    public static string Cell(decimal? value, int decimals, bool hasData) => hasData ? Number(value, decimals) : Dash;

    /// <summary>A figure with its unit, as in running text: 4,812.35万元, 386人.</summary>
    public static string Amount(decimal? value, int decimals, string unit) =>
        value is null ? NotReported : Number(value, decimals) + unit;

    /// <summary>A stock's level in a column that is a sum for flows: the figure marked, so it is not read as a total.</summary>
    public static string Level(decimal? value, int decimals, bool hasData) =>
        hasData && value is not null ? Number(value, decimals) + StockMark : Cell(value, decimals, hasData);

    /// <summary>Months of a year as a clerk writes them: 1–8月 for a run, 1、3、5月 otherwise.</summary>
    public static string Months(IReadOnlyList<int> months)
    {
        if (months.Count == 0)
        {
            return "";
        }

        var contiguous = months.Zip(months.Skip(1)).All(p => p.Second == p.First + 1);
        return contiguous && months.Count > 1
            ? string.Create(CultureInfo.InvariantCulture, $"{months[0]}–{months[^1]}月")
            : string.Join("、", months.Select(m => m.ToString(CultureInfo.InvariantCulture))) + "月";
    }

    public static string Percent(decimal? value) =>
        value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) + "%" : Dash;

    public static string Change(Change change) => change.Mark switch
    {
        ChangeMark.Value => (change.Percent > 0 ? "+" : "") + change.Percent!.Value.ToString("0.0", CultureInfo.InvariantCulture) + "%",
        ChangeMark.BaseZero => "基数为0",
        ChangeMark.NoBase => "无基数",
        _ => Dash, // 0 → 0, not reported, or no data: nothing to compare
    };

    public static string DateTime(DateTimeOffset at)
    {
        var china = at.ToOffset(Common.ChinaTime.Offset);
        return string.Create(CultureInfo.InvariantCulture, $"{china.Year}年{china.Month}月{china.Day}日 {china:HH:mm}");
    }

    /// <summary>Section numbers of an official document: 一、二、三…</summary>
    public static string Ordinal(int n) => n switch
    {
        >= 1 and <= 10 => "一二三四五六七八九十"[n - 1].ToString(),
        > 10 and < 20 => "十" + "一二三四五六七八九"[n - 11],
        _ => n.ToString(CultureInfo.InvariantCulture),
    };
}
