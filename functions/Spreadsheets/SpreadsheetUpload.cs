using System.IO.Compression;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
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

    /// <summary>Reads the body with a cap (an oversized body is never buffered whole) and checks it is the kind it claims.</summary>
    public static async Task<Result<SpreadsheetUpload>> ReadAsync(HttpRequest request, IOptions<VillageReportsOptions> options, CancellationToken cancellationToken)
    {
        var media = MediaTypeHeaderValue.TryParse(request.ContentType, out var type) ? type.MediaType.Value ?? "" : "";
        var csv = media.Equals("text/csv", StringComparison.OrdinalIgnoreCase);
        if (!csv && !media.Equals(SpreadsheetFiles.XlsxType, StringComparison.OrdinalIgnoreCase))
        {
            return new Problem(ProblemKind.UnsupportedMediaType, "unsupported-media-type",
                $"上传的文件应为 .xlsx（Content-Type: {SpreadsheetFiles.XlsxType}）或 .csv（Content-Type: text/csv）。");
        }

        if (request.ContentLength > MaxBytes)
        {
            return TooLarge();
        }

        var buffer = new byte[(int)Math.Min(MaxBytes, request.ContentLength ?? MaxBytes) + 1];
        var length = 0;
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(options.Value.BodyReadTimeout);
        try
        {
            int read;
            while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), patience.Token)) > 0)
            {
                length += read;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Problem(ProblemKind.RequestTimeout, "request-timeout", "The body arrived too slowly.", "Send the request again; nothing was stored.");
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge();
        }

        if (length > MaxBytes)
        {
            return TooLarge();
        }

        var bytes = buffer.AsSpan(0, length).ToArray();
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
