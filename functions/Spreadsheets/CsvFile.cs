using System.Text;

namespace VillageReports.Spreadsheets;

/// <summary>CSV as Excel and WPS open it: UTF-8 with a byte-order mark (without one Excel reads Chinese as GBK), CRLF, RFC 4180 quoting.</summary>
public static class CsvFile
{
    public static byte[] Write(FigureTable table)
    {
        var text = new StringBuilder();
        WriteRow(text, [SheetLayout.UnitCodeHeader, SheetLayout.UnitNameHeader, .. table.Columns.Select(c => c.Header)]);
        WriteRow(text, [SheetLayout.UnitCodeKey, SheetLayout.UnitNameKey, .. table.Columns.Select(c => c.Code)]);
        foreach (var row in table.Rows)
        {
            WriteRow(text, [row.UnitCode, row.UnitName, .. row.Cells.Select(v => v is { } value ? SheetLayout.Format(value) : "")]);
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>
    /// The rows of a CSV upload. UTF-8 (with or without a byte-order mark) is read as such; anything else is taken as
    /// GB18030, what Excel and WPS save "CSV" as on Chinese Windows.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> Read(ReadOnlySpan<byte> bytes)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            text = Encoding.GetEncoding("GB18030").GetString(bytes);
        }

        return Parse(text.TrimStart('\uFEFF'));
    }

    private static List<IReadOnlyList<string>> Parse(string text)
    {
        var rows = new List<IReadOnlyList<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        return rows;
    }

    private static void WriteRow(StringBuilder text, IEnumerable<string> cells)
    {
        text.AppendJoin(',', cells.Select(Quote)).Append("\r\n");
    }

    private static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
