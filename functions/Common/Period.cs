using System.Globalization;

namespace VillageReports.Common;

/// <summary>A reporting month, written <c>YYYY-MM</c>.</summary>
public readonly record struct Period(int Year, int Month) : IComparable<Period>
{
    public const int FirstYear = 2000;
    public const int LastYear = 2099;

    /// <summary>Parses exactly <c>YYYY-MM</c>: no spaces, no other digits, a real month in a sensible year.</summary>
    public static bool TryParse(string? text, out Period period)
    {
        period = default;
        if (text is not { Length: 7 } || text[4] != '-')
        {
            return false;
        }

        for (var i = 0; i < 7; i++)
        {
            if (i != 4 && !char.IsAsciiDigit(text[i]))
            {
                return false;
            }
        }

        var year = int.Parse(text.AsSpan(0, 4), CultureInfo.InvariantCulture);
        var month = int.Parse(text.AsSpan(5, 2), CultureInfo.InvariantCulture);
        if (year is < FirstYear or > LastYear || month is < 1 or > 12)
        {
            return false;
        }

        period = new Period(year, month);
        return true;
    }

    /// <summary>Parses exactly four digits of a sensible year.</summary>
    public static bool TryParseYear(string? text, out int year)
    {
        year = 0;
        if (text is not { Length: 4 } || !text.All(char.IsAsciiDigit) || !TryParse(text + "-01", out var january))
        {
            return false;
        }

        year = january.Year;
        return true;
    }

    /// <summary>A month from a route value, or the 400 that explains the form.</summary>
    public static Result<Period> FromRoute(string text) =>
        TryParse(text, out var period) ? period : Problem.InvalidField("period", "A period is written YYYY-MM, e.g. 2026-10.");

    /// <summary>A year from a route value, or the 400 that explains the form.</summary>
    public static Result<int> YearFromRoute(string text) =>
        TryParseYear(text, out var year) ? year : Problem.InvalidField("year", "A year is four digits, e.g. 2026.");

    public static Period Parse(string text) =>
        TryParse(text, out var period) ? period : throw new FormatException($"'{text}' is not a period (YYYY-MM).");

    public static Period Containing(DateOnly day) => new(day.Year, day.Month);

    public Period Previous => Month == 1 ? new Period(Year - 1, 12) : new Period(Year, Month - 1);
    public Period Next => Month == 12 ? new Period(Year + 1, 1) : new Period(Year, Month + 1);
    public Period SameMonthLastYear => new(Year - 1, Month);
    public DateOnly FirstDay => new(Year, Month, 1);

    /// <summary>The last day on which a submission is on time: day <paramref name="dueDay"/> of the next month.</summary>
    public DateOnly DueDate(int dueDay)
    {
        var next = Next.FirstDay;
        return next.AddDays(Math.Clamp(dueDay, 1, DateTime.DaysInMonth(next.Year, next.Month)) - 1);
    }

    public Period AddMonths(int months)
    {
        var index = (Year * 12) + Month - 1 + months;
        return new Period(index / 12, (index % 12) + 1);
    }

    /// <summary>This month and every one after it up to <paramref name="last"/>, inclusive (none when last is earlier).</summary>
    public IEnumerable<Period> Through(Period last)
    {
        for (var p = this; p <= last; p = p.Next)
        {
            yield return p;
        }
    }

    public Period FirstOfYear => new(Year, 1);

    /// <summary>
    /// Whether a unit that first submitted at <paramref name="firstSubmittedAt"/> was late: after the end of day
    /// <paramref name="dueDay"/> of the next month, China time.
    /// </summary>
    public bool IsLate(DateTimeOffset firstSubmittedAt, int dueDay) =>
        ChinaTime.StartOf(DueDate(dueDay).AddDays(1)) <= firstSubmittedAt;

    public int CompareTo(Period other) => (Year * 12 + Month).CompareTo(other.Year * 12 + other.Month);

    public static bool operator <(Period left, Period right) => left.CompareTo(right) < 0;
    public static bool operator >(Period left, Period right) => left.CompareTo(right) > 0;
    public static bool operator <=(Period left, Period right) => left.CompareTo(right) <= 0;
    public static bool operator >=(Period left, Period right) => left.CompareTo(right) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");

    /// <summary>Chinese style, e.g. 2026年10月.</summary>
    public string ToChinese() => string.Create(CultureInfo.InvariantCulture, $"{Year}年{Month}月");
}
