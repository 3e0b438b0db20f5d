using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace VillageReports.Spreadsheets;

/// <summary>Reads the cells of every sheet of an .xlsx: shared and inline strings, numbers, and formulas by their cached value.</summary>
public static class XlsxReader
{
    public static IReadOnlyList<UploadedSheet> Read(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbookPart = document.WorkbookPart ?? throw new InvalidDataException("The package has no workbook.");
        var strings = workbookPart.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var sheets = new List<UploadedSheet>();
        foreach (var sheet in workbookPart.Workbook.Sheets?.Elements<Sheet>() ?? [])
        {
            if (sheet.Id?.Value is not { } id || workbookPart.GetPartById(id) is not WorksheetPart part)
            {
                continue; // a chart sheet
            }

            var rows = new List<UploadedRow>();
            var rowNumber = 0;
            foreach (var row in part.Worksheet.Descendants<Row>())
            {
                rowNumber = row.RowIndex?.Value is { } index ? (int)index : rowNumber + 1;
                var cells = new Dictionary<int, UploadedCell>();
                var column = -1;
                foreach (var cell in row.Elements<Cell>())
                {
                    column = cell.CellReference?.Value is { } reference ? SheetLayout.ColumnIndex(reference) : column + 1;
                    if (Value(cell, strings) is { } value)
                    {
                        cells[column] = value;
                    }
                }

                rows.Add(new UploadedRow(rowNumber, cells));
            }

            sheets.Add(new UploadedSheet(sheet.Name?.Value ?? "", rows));
        }

        return sheets;
    }

    private static UploadedCell? Value(Cell cell, List<string> strings)
    {
        var type = cell.DataType?.Value;
        if (type == CellValues.InlineString)
        {
            return new UploadedCell(cell.InlineString?.InnerText ?? "", false);
        }

        var text = cell.CellValue?.Text;
        if (text is null)
        {
            return null;
        }

        if (type == CellValues.SharedString)
        {
            return int.TryParse(text, out var i) && i >= 0 && i < strings.Count ? new UploadedCell(strings[i], false) : null;
        }

        return type is null || type == CellValues.Number ? new UploadedCell(text, true) : new UploadedCell(text, false);
    }
}
