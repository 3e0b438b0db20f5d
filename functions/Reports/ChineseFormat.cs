using System.Globalization;
using VillageReports.Submissions;

namespace VillageReports.Reports;

/// <summary>How figures read in a Chinese official document: 4,812.35, 103.1%, 2026年10月, 未报送 for a figure nobody reported.</summary>
public static class ChineseFormat
{
    public const string NotReported = "未报送";

    public static string Number(decimal? value, int decimals) =>
        value is { } v ? v.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : NotReported;

    /// <summary>A figure with its unit, as in running text: 4,812.35万元, 386人.</summary>
    public static string Amount(decimal? value, int decimals, string unit) =>
        value is null ? NotReported : Number(value, decimals) + unit;

    public static string Percent(decimal? value) =>
        value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    public static string Change(Change change) => change.Mark switch
    {
        ChangeMark.Value => (change.Percent > 0 ? "+" : "") + change.Percent!.Value.ToString("0.0", CultureInfo.InvariantCulture) + "%",
        ChangeMark.BaseZero => "基数为0",
        ChangeMark.NoBase => "无基数",
        _ => "—",
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
