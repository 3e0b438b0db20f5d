namespace VillageReports.Catalog;

/// <summary>Whether a figure is a whole count or carries a fixed number of decimals.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "The catalog's contract spells the types 'integer' and 'decimal'.")]
public enum FigureType { Integer, Decimal }

/// <summary>A flow is an amount during the month (a year sums them); a stock is a level at month end (a year takes the last).</summary>
public enum ElementKind { Flow, Stock }

/// <summary>
/// A collected figure, as declared in the catalog. <see cref="Decimals"/> is the precision a unit may post;
/// <see cref="DisplayDecimals"/>, when given, the precision reports show (亿元 posted to four places reads with two).
/// </summary>
public sealed record DataElement(
    string Code,
    string Name,
    string Unit,
    FigureType Type,
    int Decimals,
    decimal Min,
    decimal Max,
    ElementKind Kind,
    UnitLevel ReportedBy,
    string Section,
    bool Key = false,
    int? DisplayDecimals = null)
{
    /// <summary>The decimals a report shows: the display precision when declared, otherwise the posted one.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int ShownDecimals => DisplayDecimals ?? Decimals;
}

/// <summary>A computed figure: the ratio of two elements' aggregates, times a factor. Never posted.</summary>
public sealed record Indicator(
    string Code,
    string Name,
    string Unit,
    string Numerator,
    string Denominator,
    decimal Factor,
    int Decimals,
    string Section);

/// <summary>A cross-field rule: the sum of <see cref="Left"/> may not exceed the sum of <see cref="Right"/>.</summary>
public sealed record CrossFieldRule(string Code, IReadOnlyList<string> Left, IReadOnlyList<string> Right, string Message);

/// <summary>A report section.</summary>
public sealed record Section(string Code, string Name);
