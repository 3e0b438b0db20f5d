namespace VillageReports.Submissions;

/// <summary>Everything the phone form needs for one unit and month, in one answer (weak networks).</summary>
public sealed record UnitForm(
    string Unit,
    string Name,
    string Level,
    string Town,
    string TownName,
    string Period,
    DateOnly DueDate,
    PeriodPhase State,
    FormCurrent? Current,
    FormPrevious? Previous);
