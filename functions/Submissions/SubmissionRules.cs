using System.Globalization;
using VillageReports.Catalog;

namespace VillageReports.Submissions;

/// <summary>The catalog's checks on a submission: known elements of the right level, bounds, precision and cross-field rules.</summary>
public static class SubmissionRules
{
    /// <summary>A value this many times larger (or smaller) than last month's draws a warning.</summary>
    public const decimal OutlierFactor = 3m;

    public static void Validate(ElementCatalog catalog, UnitLevel level, IReadOnlyDictionary<string, decimal> values, IDictionary<string, List<string>> errors)
    {
        foreach (var (code, value) in values)
        {
            if (catalog.Find(code) is not { } element)
            {
                SubmissionParser.Add(errors, code, "Unknown element: see GET /api/catalog.");
                continue;
            }

            if (element.ReportedBy != level)
            {
                SubmissionParser.Add(errors, code, element.ReportedBy == UnitLevel.Town
                    ? $"{element.Name} is reported by the town office, not by a village."
                    : $"{element.Name} is reported by each village, not by the town office.");
            }

            if (value < element.Min || value > element.Max)
            {
                SubmissionParser.Add(errors, code, string.Create(CultureInfo.InvariantCulture, $"{element.Name} must be between {element.Min} and {element.Max} {element.Unit}."));
            }

            if (element.Type == FigureType.Integer && value != decimal.Truncate(value))
            {
                SubmissionParser.Add(errors, code, $"{element.Name} is a whole number of {element.Unit}.");
            }
            else if (element.Type == FigureType.Decimal && value.Scale > element.Decimals && decimal.Round(value, element.Decimals) != value)
            {
                SubmissionParser.Add(errors, code, $"{element.Name} has at most {element.Decimals} decimals.");
            }
        }

        foreach (var rule in catalog.Rules)
        {
            if (rule.Left.Concat(rule.Right).All(values.ContainsKey)
                && rule.Left.Sum(c => values[c]) > rule.Right.Sum(c => values[c]))
            {
                SubmissionParser.Add(errors, rule.Left[0], rule.Message);
            }
        }
    }

    /// <summary>Values more than three times, or less than a third of, the same element's previous month.</summary>
    public static IReadOnlyList<Warning> Outliers(ElementCatalog catalog, IReadOnlyDictionary<string, decimal> values, IReadOnlyDictionary<string, decimal>? previous)
    {
        if (previous is null)
        {
            return [];
        }

        var warnings = new List<Warning>();
        foreach (var (code, value) in values)
        {
            if (!previous.TryGetValue(code, out var before) || before <= 0)
            {
                continue;
            }

            var name = catalog.Find(code)?.Name ?? code;
            if (value > before * OutlierFactor)
            {
                warnings.Add(new Warning(code, value, before, string.Create(CultureInfo.InvariantCulture, $"{name}本月{value}，超过上月{before}的3倍")));
            }
            else if (value * OutlierFactor < before)
            {
                warnings.Add(new Warning(code, value, before, string.Create(CultureInfo.InvariantCulture, $"{name}本月{value}，不足上月{before}的三分之一")));
            }
        }

        return warnings;
    }
}
