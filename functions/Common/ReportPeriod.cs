using System.Globalization;

namespace VillageReports.Common;

/// <summary>What a report covers: a month (<c>monthly/2026-10</c>) or a year (<c>annual/2025</c>, held as its January).</summary>
public readonly record struct ReportPeriod
{
    private ReportPeriod(ReportKind kind, Period start)
    {
        Kind = kind;
        Start = start;
    }

    public ReportKind Kind { get; }

    /// <summary>The month, or January of the year.</summary>
    public Period Start { get; }

    public int Year => Start.Year;

    /// <summary>The last month the report covers.</summary>
    public Period End => Kind == ReportKind.Monthly ? Start : new Period(Year, 12);

    public static ReportPeriod Month(Period month) => new(ReportKind.Monthly, month);

    public static ReportPeriod OfYear(int year) => new(ReportKind.Annual, new Period(year, 1));

    /// <summary>Parses a kind and its period as routes and queue messages write them; anything else is refused.</summary>
    public static bool TryParse(string? kind, string? period, out ReportPeriod parsed)
    {
        parsed = default;
        if (!ReportKinds.TryParse(kind, out var k))
        {
            return false;
        }

        if (k == ReportKind.Monthly && Period.TryParse(period, out var month))
        {
            parsed = Month(month);
            return true;
        }

        if (k == ReportKind.Annual && Period.TryParseYear(period, out var year))
        {
            parsed = OfYear(year);
            return true;
        }

        return false;
    }

    /// <summary>From route values, or the 400 that explains the form.</summary>
    public static Result<ReportPeriod> FromRoute(string kind, string period) =>
        TryParse(kind, period, out var parsed)
            ? parsed
            : Problem.InvalidField("period", "A report is monthly/YYYY-MM or annual/YYYY.");

    /// <summary>Whether the period has begun on <paramref name="today"/> (China time): a report cannot cover the future.</summary>
    public bool HasBegun(DateOnly today) => Start.FirstDay <= today;

    /// <summary><c>2026-10</c> or <c>2025</c>, as routes, keys and messages write it.</summary>
    public override string ToString() =>
        Kind == ReportKind.Monthly ? Start.ToString() : Year.ToString("D4", CultureInfo.InvariantCulture);
}
