namespace VillageReports.Units;

/// <summary>What a route needs of its caller, against the unit or town it names.</summary>
public enum Need
{
    /// <summary>Any caller with a valid token (the catalog).</summary>
    Anyone,

    /// <summary>A unit's figures: the unit itself, its town office, the admin.</summary>
    UnitFigures,

    /// <summary>A town's day-to-day work (status, targets, reports, template, amendments): its town office, the admin.</summary>
    TownOffice,

    /// <summary>Reading a town's reports and deliveries: its town office, its county, the admin.</summary>
    TownReader,

    /// <summary>A unit's tokens: the admin for any unit; a town office for its own villages.</summary>
    UnitTokens,

    /// <summary>Registering towns: the deployment admin only.</summary>
    DeploymentAdmin,
}

/// <summary>Who may do what, in one table (SPEC "Roles"). Tested as a table: role × need × own or other unit.</summary>
public static class Access
{
    public static bool Allows(Caller caller, Need need, UnitCode target) => caller.Role switch
    {
        CallerRole.Admin => true,
        CallerRole.TownOffice when caller.Unit is { } town => need switch
        {
            Need.Anyone => true,
            Need.UnitFigures => target.Town == town && !target.IsCounty,
            Need.TownOffice or Need.TownReader => target == town,
            Need.UnitTokens => target.IsVillage && target.Town == town,
            _ => false,
        },
        CallerRole.Village when caller.Unit is { } village => need switch
        {
            Need.Anyone => true,
            Need.UnitFigures => target == village,
            _ => false,
        },
        CallerRole.County when caller.Unit is { } county => need switch
        {
            Need.Anyone => true,
            Need.TownReader => target.IsTown && target.County == county,
            _ => false,
        },
        _ => false,
    };

    /// <summary>Null when allowed; otherwise 401 for an unknown caller, 403 for a known one.</summary>
    public static Problem? Check(Caller caller, Need need, UnitCode target) =>
        !caller.IsKnown ? Problem.Unauthenticated
        : Allows(caller, need, target) ? null
        : Problem.Forbidden;
}
