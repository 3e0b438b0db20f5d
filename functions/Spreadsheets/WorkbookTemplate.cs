using System.Globalization;
using VillageReports.Catalog;
using VillageReports.Units;

namespace VillageReports.Spreadsheets;

/// <summary>The template's sheet names, column rules and instructions.</summary>
public static class WorkbookTemplate
{
    public const string VillageSheet = "村级";
    public const string TownSheet = "镇级";
    public const string InstructionsSheet = "说明";

    public static ColumnRule Rule(DataElement element) => new(
        element.Type == FigureType.Integer,
        element.Min,
        element.Max,
        element.Type == FigureType.Integer
            ? string.Create(CultureInfo.InvariantCulture, $"{element.Name}应为{element.Min}至{element.Max}之间的整数（单位：{element.Unit}）。")
            : string.Create(CultureInfo.InvariantCulture, $"{element.Name}应在{element.Min}至{element.Max}{element.Unit}之间，最多保留{element.Decimals}位小数。"));

    public static IReadOnlyList<string> Instructions(Town town, Period period, bool locked) =>
    [
        $"{town.Name}{period.ToChinese()}报表填报模板 使用说明",
        $"1. “{VillageSheet}”表每行一个村，“{TownSheet}”表为镇党政办自身报送的指标；已报送的数字已预先填入。",
        "2. 只在数字格内填写；表头、单位代码和名称已保护，请勿改动，也不要删除第2行（隐藏的指标代码行）。",
        "3. 不填（留空）表示“未报送”，不会按0处理；确为零请填0。",
        "4. 数字可带千位分隔符或为全角数字；单元格会按指标的类型和上下限检查。",
        "5. 填好后在管理页面上传：可先“试导入”查看将新增、更新、不变和被拒的单位及每个问题所在的单元格，再正式导入。",
        "6. 同一文件重复导入不会产生新的修订。",
        locked ? "7. 本月报表已生成并锁定：导入更正时须填写更正原因。" : "7. 本月报表锁定后再导入更正，须填写更正原因。",
    ];
}
