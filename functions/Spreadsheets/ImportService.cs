using System.Collections.Concurrent;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using VillageReports.Catalog;
using VillageReports.Submissions;
using VillageReports.Units;

namespace VillageReports.Spreadsheets;

/// <summary>What an import asks: the file, and whether to only validate, to write all or nothing, and the amendment reason.</summary>
public sealed record ImportRequest(string PeriodRoute, SpreadsheetUpload Upload, bool DryRun, bool Atomic, string? Reason);

/// <summary>
/// Imports a filled-in template or CSV: each unit's row is one PUT through <see cref="SubmissionService"/>, so the
/// rules, messages, revisions and the locked-period reason are exactly the API's.
/// </summary>
public sealed class ImportService(ElementCatalog catalog, SubmissionService submissions)
{
    // Rows are independent submissions; a few at a time keeps a county-sized file quick without flooding storage.
    private const int Parallelism = 8;

    public async Task<Result<ImportSummary>> ImportAsync(TownScope town, ImportRequest request, CancellationToken cancellationToken)
    {
        var period = Period.FromRoute(request.PeriodRoute);
        if (period.Problem is { } invalid)
        {
            return invalid;
        }

        IReadOnlyList<UploadedSheet> sheets;
        try
        {
            sheets = request.Upload.Csv ? [new UploadedSheet("CSV", CsvRows(request.Upload.Bytes))] : XlsxReader.Read(request.Upload.Bytes);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or System.Xml.XmlException or IOException)
        {
            return SpreadsheetUpload.NotReadable("文件已损坏，不是有效的 .xlsx 工作簿。");
        }

        var grid = ImportGrid.Read(sheets, town.Town, catalog);
        if (grid.Problem is { } unreadable)
        {
            return unreadable;
        }

        var (rows, problems) = grid.Value;
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        var first = await SubmitAsync(town, period.Value, rows, reason, dryRun: request.DryRun || request.Atomic, cancellationToken);
        var refusedRows = rows.Count(r => r.Unreadable) + problems.Count(p => p.Unit is not null && p.Element is null);
        if (request.Atomic && !request.DryRun && first.Refused + refusedRows == 0 && problems.Count == 0)
        {
            // Every row passed the dry run, so write them all. A unit changed in between is checked again by its own PUT.
            var written = await SubmitAsync(town, period.Value, rows, reason, dryRun: false, cancellationToken);
            return Summary(request, written: true, written, [.. problems, .. written.Problems], written.Refused);
        }

        return Summary(request, written: !request.DryRun && !request.Atomic, first, [.. problems, .. first.Problems], first.Refused + refusedRows);
    }

    private static ImportSummary Summary(ImportRequest request, bool written, Submitted submitted, List<ImportProblem> problems, int refused) =>
        new(request.DryRun, request.Atomic, written, submitted.Counts.Created, submitted.Counts.Updated, submitted.Counts.Unchanged,
            refused, submitted.Counts.Empty, [.. problems.OrderBy(p => p.Cell, StringComparer.Ordinal)]);

    private async Task<Submitted> SubmitAsync(TownScope town, Period period, List<ImportRow> rows, string? reason, bool dryRun, CancellationToken cancellationToken)
    {
        var outcomes = new ConcurrentBag<(PutOutcome? Outcome, List<ImportProblem> Problems)>();
        var empty = rows.Count(r => !r.Unreadable && r.Values.Count == 0);
        await Parallel.ForEachAsync(rows.Where(r => !r.Unreadable && r.Values.Count > 0), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (row, ct) =>
        {
            var unit = new UnitScope(row.Unit, town.Caller);
            // The import carries figures only: the comment already on the submission is kept, so re-importing changes nothing.
            var current = await submissions.GetAsync(unit, period.ToString(), ct);
            var body = JsonSerializer.SerializeToUtf8Bytes(new { values = row.Values, comment = current.Value?.Comment, reason });
            var put = await submissions.PutAsync(unit, new PutRequest(period.ToString(), body, null, dryRun), ct);
            outcomes.Add(put.Problem is { } refused ? (null, Problems(row, refused)) : (put.Value, []));
        });

        var done = outcomes.Where(o => o.Outcome is not null).Select(o => o.Outcome!).ToList();
        return new Submitted(
            new Counts(done.Count(o => !o.Unchanged && o.Created), done.Count(o => !o.Unchanged && !o.Created), done.Count(o => o.Unchanged), empty),
            outcomes.Count(o => o.Outcome is null),
            [.. outcomes.SelectMany(o => o.Problems)]);
    }

    private static List<ImportProblem> Problems(ImportRow row, Problem refused)
    {
        if (refused.Errors is not { } errors)
        {
            return [new ImportProblem(row.UnitCell, row.Unit.Code.Value, null, refused.Detail is { } detail ? $"{refused.Title} {detail}" : refused.Title)];
        }

        return [.. errors.SelectMany(e => e.Value.Select(message => row.Cells.TryGetValue(e.Key, out var cell)
            ? new ImportProblem(cell, row.Unit.Code.Value, e.Key, message)
            : new ImportProblem(row.UnitCell, row.Unit.Code.Value, e.Key == "reason" ? null : e.Key, message)))];
    }

    private static List<UploadedRow> CsvRows(byte[] bytes) =>
        [.. CsvFile.Read(bytes).Select((cells, i) => new UploadedRow(i + 1, cells.Select((text, c) => (text, c)).ToDictionary(x => x.c, x => new UploadedCell(x.text, false))))];

    private sealed record Counts(int Created, int Updated, int Unchanged, int Empty);

    private sealed record Submitted(Counts Counts, int Refused, List<ImportProblem> Problems);
}
