namespace VillageReports.Spreadsheets;

/// <summary>
/// The answer to an import: how many units' submissions were created, updated, left unchanged or refused, how many
/// rows were empty (not reported, nothing sent), whether anything was written, and every problem with its cell.
/// </summary>
public sealed record ImportSummary(
    bool DryRun,
    bool Atomic,
    bool Written,
    int Created,
    int Updated,
    int Unchanged,
    int Refused,
    int Empty,
    IReadOnlyList<ImportProblem> Problems);

/// <summary>One problem: the cell (<c>村级!D7</c>), the unit and element when known, and the message the API would give.</summary>
public sealed record ImportProblem(string Cell, string? Unit, string? Element, string Message);
