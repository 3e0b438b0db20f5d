namespace VillageReports.Spreadsheets;

/// <summary>A sheet of an upload as read: its rows by 1-based number, cells by 0-based column.</summary>
public sealed record UploadedSheet(string Name, IReadOnlyList<UploadedRow> Rows);

public sealed record UploadedRow(int Number, IReadOnlyDictionary<int, UploadedCell> Cells)
{
    public string Text(int column) => Cells.TryGetValue(column, out var cell) ? cell.Text : "";
}

/// <summary>A cell's text; <see cref="Numeric"/> when the file stored it as a number (or a formula's cached number).</summary>
public sealed record UploadedCell(string Text, bool Numeric);
