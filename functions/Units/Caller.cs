namespace VillageReports.Units;

public enum CallerRole { Anonymous, Admin, TownOffice, Village, County }

/// <summary>
/// Who is calling: the deployment admin, or the holder of a unit's token — a town's own code is its town office,
/// a village's code the village, a county's code the county.
/// </summary>
public sealed record Caller(CallerRole Role, UnitCode? Unit = null)
{
    public static Caller Anonymous { get; } = new(CallerRole.Anonymous);
    public static Caller Admin { get; } = new(CallerRole.Admin);

    public static Caller ForUnit(UnitCode unit) =>
        new(unit.IsCounty ? CallerRole.County : unit.IsTown ? CallerRole.TownOffice : CallerRole.Village, unit);

    public bool IsKnown => Role != CallerRole.Anonymous;

    /// <summary>How the audit trail names who made a change: <c>admin</c> or the unit's code.</summary>
    public string AuditName => Role == CallerRole.Admin ? "admin" : Unit?.Value ?? "anonymous";
}
