using VillageReports.Common;

namespace VillageReports.Units;

/// <summary>Who may do what, in one place. Each check answers null when allowed, or the problem to answer.</summary>
public static class Access
{
    /// <summary>The town office's admin token.</summary>
    public static Problem? Admin(Caller caller) =>
        caller.IsAdmin ? null : caller.IsKnown ? Problem.Forbidden : Problem.Unauthenticated;

    /// <summary>A unit's figures: the unit's own token, or the town office.</summary>
    public static Problem? UnitWriter(Caller caller, UnitCode unit) =>
        !caller.IsKnown ? Problem.Unauthenticated
        : caller.IsAdmin || (caller.Role == CallerRole.Unit && caller.Unit == unit) ? null
        : Problem.Forbidden;

    /// <summary>Reports and deliveries: the town office, and the county the town belongs to.</summary>
    public static Problem? TownReader(Caller caller, UnitCode town) =>
        !caller.IsKnown ? Problem.Unauthenticated
        : caller.IsAdmin || caller.Unit == town.County ? null
        : Problem.Forbidden;
}
