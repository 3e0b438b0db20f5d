namespace VillageReports.Units;

public enum CallerRole { Anonymous, Admin, Unit }

/// <summary>Who is calling: the town office admin, one unit, or nobody known.</summary>
public sealed record Caller(CallerRole Role, UnitCode? Unit = null)
{
    public static Caller Anonymous { get; } = new(CallerRole.Anonymous);
    public static Caller Admin { get; } = new(CallerRole.Admin);

    public bool IsAdmin => Role == CallerRole.Admin;
    public bool IsKnown => Role != CallerRole.Anonymous;
}
