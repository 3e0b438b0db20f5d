using System.IO.Compression;
using Microsoft.AspNetCore.Http;
using VillageReports.Api;
using Microsoft.Net.Http.Headers;

namespace VillageReports.Spreadsheets;

/// <summary>An uploaded spreadsheet's bytes and whether they are CSV (otherwise .xlsx).</summary>
public sealed record SpreadsheetUpload(byte[] Bytes, bool Csv)
{
    /// <summary>A county-sized workbook (400 villages × 60 elements) is well under 1 MiB; the app's 64 KiB JSON limit is far too small.</summary>
    public const int MaxBytes = 5 * 1024 * 1024;

    /// <summary>What the workbook may unpack to: a small zip of highly repetitive XML could otherwise fill memory.</summary>
    public const long MaxUnpackedBytes = 100L * 1024 * 1024;

    private static ReadOnlySpan<byte> ZipMagic => [0x50, 0x4B, 0x03, 0x04];
    private static ReadOnlySpan<byte> CompoundFileMagic => [0xD0, 0xCF, 0x11, 0xE0];

    /// <summary>Reads the body with the spreadsheet cap and checks it is the kind it claims.</summary>
    public static async Task<Result<SpreadsheetUpload>> ReadAsync(HttpRequest request, ApiRequest api, CancellationToken cancellationToken)
    {
        var media = MediaTypeHeaderValue.TryParse(request.ContentType, out var type) ? type.MediaType.Value ?? "" : "";
        var csv = media.Equals("text/csv", StringComparison.OrdinalIgnoreCase);
        if (!csv && !media.Equals(SpreadsheetFiles.XlsxType, StringComparison.OrdinalIgnoreCase))
        {
            return new Problem(ProblemKind.UnsupportedMediaType, "unsupported-media-type",
                $"上传的文件应为 .xlsx（Content-Type: {SpreadsheetFiles.XlsxType}）或 .csv（Content-Type: text/csv）。");
        }

        var body = await api.CappedBodyAsync(request, MaxBytes, cancellationToken);
        if (body.Problem is { } problem)
        {
            return problem.Kind == ProblemKind.TooLarge ? TooLarge() : problem;
        }

        var bytes = body.Value.ToArray();
        return csv ? new SpreadsheetUpload(bytes, true) : CheckWorkbook(bytes);
    }

    private static Result<SpreadsheetUpload> CheckWorkbook(byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith(CompoundFileMagic))
        {
            return NotReadable("文件设有打开密码，或是旧版 .xls 格式：请去掉密码并另存为 .xlsx 后再上传。");
        }

        if (!bytes.AsSpan().StartsWith(ZipMagic))
        {
            return NotReadable("文件不是 .xlsx 工作簿：请用 Excel、WPS 或 LibreOffice 另存为 .xlsx，或上传 CSV。");
        }

        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Sum(e => e.Length) > MaxUnpackedBytes)
            {
                return NotReadable($"工作簿解压后超过 {MaxUnpackedBytes / 1024 / 1024} MiB，无法读取。");
            }
        }
        catch (InvalidDataException)
        {
            return NotReadable("文件已损坏，不是有效的 .xlsx 工作簿。");
        }

        return new SpreadsheetUpload(bytes, false);
    }

    public static Problem NotReadable(string message) =>
        new(ProblemKind.Invalid, "spreadsheet-unreadable", "无法读取上传的文件，未写入任何数据。", message);

    private static Problem TooLarge() =>
        new(ProblemKind.TooLarge, "body-too-large", $"上传的文件最大 {MaxBytes / 1024 / 1024} MiB。", "Nothing was stored.");
}
