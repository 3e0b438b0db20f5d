namespace VillageReports.Units;

/// <summary>A request's reporting unit, resolved once: it exists and the caller may act on its figures.</summary>
public sealed record UnitScope(ReportingUnit Unit, Caller Caller)
{
    public UnitCode Code => Unit.Code;

    /// <summary>Whether the caller is the unit's town office (or the admin), who may amend locked periods.</summary>
    public bool ByTownOffice => Access.Allows(Caller, Need.TownOffice, Unit.Code.Town);
}
