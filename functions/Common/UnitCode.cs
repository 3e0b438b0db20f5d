namespace VillageReports.Common;

/// <summary>A 12-digit statistical division code (统计用区划代码): 2 province, 2 city, 2 county, 3 town, 3 village digits.</summary>
public readonly record struct UnitCode
{
    private UnitCode(string value) => Value = value;

    public string Value { get; }

    public bool IsCounty => Value.EndsWith("000000", StringComparison.Ordinal);
    public bool IsTown => !IsCounty && Value.EndsWith("000", StringComparison.Ordinal);
    public bool IsVillage => !Value.EndsWith("000", StringComparison.Ordinal);

    /// <summary>The town a unit belongs to (a town is its own town).</summary>
    public UnitCode Town => new(string.Concat(Value.AsSpan(0, 9), "000"));

    public UnitCode County => new(string.Concat(Value.AsSpan(0, 6), "000000"));

    /// <summary>Accepts exactly twelve ASCII digits; anything else (separators, control characters, other scripts) is refused.</summary>
    public static bool TryParse(string? text, out UnitCode code)
    {
        code = default;
        if (text is not { Length: 12 } || !text.All(char.IsAsciiDigit))
        {
            return false;
        }

        code = new UnitCode(text);
        return true;
    }

    /// <summary>Any unit code from a route value, or the 400 that explains the form.</summary>
    public static Result<UnitCode> FromRoute(string route) =>
        TryParse(route, out var code) ? code : Problem.InvalidField("unit", "A unit code is 12 digits (统计用区划代码).");

    /// <summary>A village or town code from a route value (a county posts no figures), or the 400 that explains the form.</summary>
    public static Result<UnitCode> ReportingUnitFromRoute(string route) =>
        TryParse(route, out var code) && !code.IsCounty ? code : Problem.InvalidField("unit", "A unit code is 12 digits (统计用区划代码).");

    /// <summary>A town code from a route value, or the 400 that explains the form.</summary>
    public static Result<UnitCode> TownFromRoute(string route) =>
        TryParse(route, out var code) && code.IsTown
            ? code
            : Problem.InvalidField("town", "A town code is 12 digits ending in 000 (and not a county's 000000).");

    public static UnitCode Parse(string text) =>
        TryParse(text, out var code) ? code : throw new FormatException($"'{text}' is not a 12-digit unit code.");

    public override string ToString() => Value;
}
