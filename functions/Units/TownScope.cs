namespace VillageReports.Units;

/// <summary>A request's town, resolved once: it exists and the caller may act on it as the route needs.</summary>
public sealed record TownScope(Town Town, Caller Caller)
{
    public UnitCode Code => Town.Code;

    /// <summary>Whether the caller is the town's office (or the admin), who may amend locked periods and see everything.</summary>
    public bool ByTownOffice => Access.Allows(Caller, Need.TownOffice, Town.Code);
}
