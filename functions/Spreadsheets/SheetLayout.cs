using System.Globalization;
using VillageReports.Catalog;

namespace VillageReports.Spreadsheets;

/// <summary>
/// The layout every sheet we write shares, and imports look for: row 1 headers, row 2 the codes (hidden in xlsx),
/// then a row per unit; column A the unit's code, B its name, then a column per element.
/// </summary>
public static class SheetLayout
{
    public const string UnitCodeKey = "unit";
    public const string UnitNameKey = "name";
    public const string UnitCodeHeader = "单位代码";
    public const string UnitNameHeader = "单位名称";
    public const string TotalRowCode = "合计";
    public const string TotalRowName = "全镇合计";
    public const int FirstDataRow = 3;

    public static string Header(DataElement element) => $"{element.Name}（{element.Unit}）";

    public static string Header(Indicator indicator) => $"{indicator.Name}（{indicator.Unit}）";

    /// <summary>A figure as text: invariant, as stored (no rounding), so an export imports back unchanged.</summary>
    public static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Excel's column letters for a zero-based column index (0 → A, 26 → AA).</summary>
    public static string ColumnName(int index)
    {
        var name = "";
        for (var i = index + 1; i > 0; i = (i - 1) / 26)
        {
            name = (char)('A' + ((i - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>The zero-based column index of a cell reference such as <c>D7</c>.</summary>
    public static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z')
            {
                break;
            }

            index = index * 26 + (c - 'A' + 1);
        }

        return index - 1;
    }
}
