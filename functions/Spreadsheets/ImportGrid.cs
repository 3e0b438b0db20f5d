using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using VillageReports.Catalog;
using VillageReports.Units;

namespace VillageReports.Spreadsheets;

/// <summary>A unit's row as read: its figures by element code and the cell each came from.</summary>
public sealed record ImportRow(ReportingUnit Unit, string UnitCell, IReadOnlyDictionary<string, decimal> Values, IReadOnlyDictionary<string, string> Cells, bool Unreadable);

/// <summary>
/// Finds the figures in uploaded sheets: on each sheet the row holding the codes (the hidden row of our template, or
/// a code row in a CSV) names the columns, so moved columns and extra sheets do not matter; a sheet without one is
/// skipped (the instructions, a clerk's notes).
/// </summary>
public static partial class ImportGrid
{
    private const int RowsSearchedForCodes = 10;

    public static Result<(List<ImportRow> Rows, List<ImportProblem> Problems)> Read(IReadOnlyList<UploadedSheet> sheets, Town town, ElementCatalog catalog)
    {
        var expected = town.ExpectedUnits.ToDictionary(u => u.Code.Value, StringComparer.Ordinal);
        var rows = new List<ImportRow>();
        var problems = new List<ImportProblem>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var withCodes = 0;
        var unitRows = 0;
        foreach (var sheet in sheets)
        {
            var codeRow = sheet.Rows.Take(RowsSearchedForCodes).FirstOrDefault(r => r.Cells.Values.Any(c => Clean(c.Text) == SheetLayout.UnitCodeKey));
            if (codeRow is null)
            {
                continue;
            }

            withCodes++;
            var unitColumn = codeRow.Cells.First(c => Clean(c.Value.Text) == SheetLayout.UnitCodeKey).Key;
            var columns = codeRow.Cells
                .Select(c => (Column: c.Key, Element: catalog.Find(Clean(c.Value.Text))))
                .Where(c => c.Element is not null)
                .ToList();
            foreach (var row in sheet.Rows.Where(r => r.Number > codeRow.Number))
            {
                var code = Clean(row.Text(unitColumn));
                var unitCell = Cell(sheet.Name, unitColumn, row.Number);
                if (code.Length == 0 || code == SheetLayout.TotalRowCode)
                {
                    if (code.Length == 0 && columns.Any(c => Clean(row.Text(c.Column)).Length > 0))
                    {
                        problems.Add(new ImportProblem(unitCell, null, null, "该行有数字但没有单位代码。"));
                    }

                    continue; // a blank row, or the total an export ends with
                }

                unitRows++;
                if (!expected.TryGetValue(code, out var unit))
                {
                    problems.Add(new ImportProblem(unitCell, code, null, $"单位代码 {code} 不是{town.Name}本月应报的单位（村已停用或代码有误）。"));
                    continue;
                }

                if (!seen.TryAdd(code, unitCell))
                {
                    problems.Add(new ImportProblem(unitCell, code, null, $"{unit.Name}在 {seen[code]} 已出现，同一单位只能有一行。"));
                    continue;
                }

                var values = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
                var cells = new Dictionary<string, string>(StringComparer.Ordinal);
                var unreadable = false;
                foreach (var (column, element) in columns)
                {
                    var reference = Cell(sheet.Name, column, row.Number);
                    cells[element!.Code] = reference;
                    if (!row.Cells.TryGetValue(column, out var cell))
                    {
                        continue;
                    }

                    var text = Clean(cell.Text);
                    if (text.Length == 0)
                    {
                        continue;
                    }

                    if (Number(cell.Numeric, text) is { } value)
                    {
                        values[element.Code] = value;
                    }
                    else
                    {
                        unreadable = true;
                        problems.Add(new ImportProblem(reference, code, element.Code, $"{element.Name}应为数字，不能是“{text}”。"));
                    }
                }

                rows.Add(new ImportRow(unit, unitCell, values, cells, unreadable));
            }
        }

        if (withCodes == 0)
        {
            return SpreadsheetUpload.NotReadable($"没有找到指标代码行（第一列为 {SheetLayout.UnitCodeKey}、其后为指标代码的一行）：请使用下载的模板或导出的文件。");
        }

        if (unitRows > expected.Count)
        {
            return SpreadsheetUpload.NotReadable($"文件有 {unitRows} 行单位数据，多于{town.Name}应报的 {expected.Count} 个单位。");
        }

        return (rows, problems);
    }

    /// <summary>
    /// A figure as clerks type it: full-width digits, thousands separators, spaces around; a cell stored as a binary
    /// number (or a formula's cached result) is read through double, which drops float noise such as 0.30000000000000004.
    /// </summary>
    public static decimal? Number(bool numeric, string text)
    {
        if (numeric && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var binary) && double.IsFinite(binary))
        {
            try
            {
                return (decimal)binary;
            }
            catch (OverflowException)
            {
                return null;
            }
        }

        var normalized = ThousandsSeparated().IsMatch(text) ? text.Replace(",", "", StringComparison.Ordinal) : text;
        return decimal.TryParse(normalized, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    /// <summary>Full-width forms folded to ASCII (１２３，４５６．５ → 123,456.5), surrounding spaces (also 全角 and no-break) dropped.</summary>
    public static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c == '\u3000' ? ' ' : c);
        }

        return builder.ToString().Trim().Trim('\u00A0', '\u200B', '\uFEFF').Trim();
    }

    private static string Cell(string sheet, int column, int row) =>
        string.Create(CultureInfo.InvariantCulture, $"{sheet}!{SheetLayout.ColumnName(column)}{row}");

    [GeneratedRegex(@"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")]
    private static partial Regex ThousandsSeparated();
}
