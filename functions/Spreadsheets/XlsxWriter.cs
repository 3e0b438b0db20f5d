using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace VillageReports.Spreadsheets;

/// <summary>A grid sheet to write: headers (row 1), codes (row 2, hidden), data rows; optional validation by column.</summary>
public sealed record GridSheet(
    string Name,
    IReadOnlyList<string> Headers,
    IReadOnlyList<string> Codes,
    IReadOnlyList<IReadOnlyList<SheetCell>> Rows,
    IReadOnlyList<ColumnRule?> Rules,
    bool Protected);

/// <summary>A cell to write: text, or a figure (null = empty, not reported).</summary>
public readonly record struct SheetCell(string? Text, decimal? Number)
{
    public static SheetCell Of(string text) => new(text, null);

    public static SheetCell Of(decimal? number) => new(null, number);
}

/// <summary>What a column accepts, as Excel data validation (WPS and LibreOffice honour it too).</summary>
public sealed record ColumnRule(bool WholeNumber, decimal Min, decimal Max, string Message);

/// <summary>Writes workbooks with the Open XML SDK: grid sheets, then plain text sheets (instructions).</summary>
public static class XlsxWriter
{
    private const uint PlainStyle = 0;
    private const uint HeaderStyle = 1;
    private const uint InputStyle = 2;

    public static byte[] Write(IReadOnlyList<GridSheet> grids, IReadOnlyList<(string Name, IReadOnlyList<string> Lines)> texts)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Styles();
            var sheets = workbookPart.Workbook.AppendChild(new Sheets());
            uint id = 1;
            foreach (var grid in grids)
            {
                AddSheet(workbookPart, sheets, id++, grid.Name, GridWorksheet(grid));
            }

            foreach (var (name, lines) in texts)
            {
                AddSheet(workbookPart, sheets, id++, name, TextWorksheet(lines));
            }

            workbookPart.Workbook.Save();
        }

        return stream.ToArray();
    }

    private static void AddSheet(WorkbookPart workbookPart, Sheets sheets, uint id, string name, Worksheet worksheet)
    {
        var part = workbookPart.AddNewPart<WorksheetPart>();
        part.Worksheet = worksheet;
        sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = id, Name = name });
    }

    private static Worksheet GridWorksheet(GridSheet grid)
    {
        var data = new SheetData();
        data.Append(TextRow(1, grid.Headers, HeaderStyle, hidden: false));
        data.Append(TextRow(2, grid.Codes, HeaderStyle, hidden: true));
        var rowIndex = (uint)SheetLayout.FirstDataRow;
        foreach (var cells in grid.Rows)
        {
            var row = new Row { RowIndex = rowIndex };
            for (var c = 0; c < cells.Count; c++)
            {
                var style = grid.Protected && c < grid.Rules.Count && grid.Rules[c] is not null ? InputStyle : PlainStyle;
                row.Append(cells[c].Text is { } text ? TextCell(c, rowIndex, text, style) : NumberCell(c, rowIndex, cells[c].Number, style));
            }

            data.Append(row);
            rowIndex++;
        }

        var worksheet = new Worksheet(
            new SheetViews(new SheetView(new Pane { HorizontalSplit = 2, VerticalSplit = 2, TopLeftCell = "C3", ActivePane = PaneValues.BottomRight, State = PaneStateValues.Frozen }) { WorkbookViewId = 0 }),
            new Columns(
                new Column { Min = 1, Max = 1, Width = 16, CustomWidth = true },
                new Column { Min = 2, Max = 2, Width = 14, CustomWidth = true },
                new Column { Min = 3, Max = (uint)Math.Max(3, grid.Headers.Count), Width = 16, CustomWidth = true }),
            data);
        if (grid.Protected)
        {
            // No password: it keeps the header, code and name cells from being typed over by accident, not a secret.
            worksheet.Append(new SheetProtection { Sheet = true, Objects = true, Scenarios = true, FormatColumns = false, FormatRows = false });
        }

        var validations = Validations(grid);
        if (validations.Count > 0)
        {
            worksheet.Append(new DataValidations(validations) { Count = (uint)validations.Count });
        }

        return worksheet;
    }

    private static List<DataValidation> Validations(GridSheet grid)
    {
        var list = new List<DataValidation>();
        if (grid.Rows.Count == 0)
        {
            return list;
        }

        var last = SheetLayout.FirstDataRow + grid.Rows.Count - 1;
        for (var c = 0; c < grid.Rules.Count; c++)
        {
            if (grid.Rules[c] is not { } rule)
            {
                continue;
            }

            var column = SheetLayout.ColumnName(c);
            list.Add(new DataValidation(
                new Formula1(rule.Min.ToString(CultureInfo.InvariantCulture)),
                new Formula2(rule.Max.ToString(CultureInfo.InvariantCulture)))
            {
                Type = rule.WholeNumber ? DataValidationValues.Whole : DataValidationValues.Decimal,
                Operator = DataValidationOperatorValues.Between,
                AllowBlank = true,
                ShowErrorMessage = true,
                ErrorTitle = "数值不符合要求",
                Error = rule.Message,
                SequenceOfReferences = new ListValue<StringValue> { InnerText = $"{column}{SheetLayout.FirstDataRow}:{column}{last}" },
            });
        }

        return list;
    }

    private static Worksheet TextWorksheet(IReadOnlyList<string> lines)
    {
        var data = new SheetData();
        for (var i = 0; i < lines.Count; i++)
        {
            var index = (uint)(i + 1);
            data.Append(new Row(TextCell(0, index, lines[i], i == 0 ? HeaderStyle : PlainStyle)) { RowIndex = index });
        }

        return new Worksheet(new Columns(new Column { Min = 1, Max = 1, Width = 100, CustomWidth = true }), data);
    }

    private static Row TextRow(uint index, IReadOnlyList<string> texts, uint style, bool hidden)
    {
        var row = new Row { RowIndex = index };
        if (hidden)
        {
            row.Hidden = true;
        }

        for (var c = 0; c < texts.Count; c++)
        {
            row.Append(TextCell(c, index, texts[c], style));
        }

        return row;
    }

    private static Cell TextCell(int column, uint row, string text, uint style) =>
        new(new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }))
        {
            CellReference = SheetLayout.ColumnName(column) + row.ToString(CultureInfo.InvariantCulture),
            DataType = CellValues.InlineString,
            StyleIndex = style,
        };

    private static Cell NumberCell(int column, uint row, decimal? value, uint style)
    {
        var cell = new Cell { CellReference = SheetLayout.ColumnName(column) + row.ToString(CultureInfo.InvariantCulture), StyleIndex = style };
        if (value is { } number)
        {
            cell.CellValue = new CellValue(SheetLayout.Format(number));
        }

        return cell;
    }

    private static Stylesheet Styles() => new(
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat(new Protection { Locked = false }) { ApplyProtection = true }) { Count = 3 });
}
