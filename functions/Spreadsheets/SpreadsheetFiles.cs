using Microsoft.AspNetCore.Mvc;

namespace VillageReports.Spreadsheets;

/// <summary>Spreadsheets as HTTP answers, named so a browser saves them with the right extension.</summary>
public static class SpreadsheetFiles
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string CsvType = "text/csv; charset=utf-8";

    public static IActionResult Csv(FigureTable table) =>
        new FileContentResult(CsvFile.Write(table), CsvType) { FileDownloadName = FileName(table, "csv") };

    public static IActionResult Xlsx(FigureTable table) =>
        Workbook(XlsxWriter.Write([ExportSheet(table)], []), FileName(table, "xlsx"));

    public static IActionResult Workbook(byte[] bytes, string fileName) =>
        new FileContentResult(bytes, XlsxType) { FileDownloadName = fileName };

    private static GridSheet ExportSheet(FigureTable table) => new(
        "数据",
        [SheetLayout.UnitCodeHeader, SheetLayout.UnitNameHeader, .. table.Columns.Select(c => c.Header)],
        [SheetLayout.UnitCodeKey, SheetLayout.UnitNameKey, .. table.Columns.Select(c => c.Code)],
        table.Rows.Select(r => (IReadOnlyList<SheetCell>)[SheetCell.Of(r.UnitCode), SheetCell.Of(r.UnitName), .. r.Cells.Select(SheetCell.Of)]).ToList(),
        [],
        Protected: false);

    private static string FileName(FigureTable table, string extension) => $"{table.Title}.{extension}";
}
