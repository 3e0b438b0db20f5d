using System.Globalization;
using VillageReports.Catalog;

namespace VillageReports.Submissions;

/// <summary>The catalog's checks on a submission: known elements of the right level, bounds, precision and cross-field rules.</summary>
public static class SubmissionRules
{
    /// <summary>A value this many times larger (or smaller) than last month's draws a warning.</summary>
    public const decimal OutlierFactor = 3m;

    public static void Validate(ElementCatalog catalog, UnitLevel level, IReadOnlyDictionary<string, decimal> values, ValidationErrors errors)
    {
        foreach (var (code, value) in values)
        {
            if (catalog.Find(code) is not { } element)
            {
                errors.Add(code, "未知的指标代码，请查看 GET /api/catalog。");
                continue;
            }

            if (element.ReportedBy != level)
            {
                errors.Add(code, element.ReportedBy == UnitLevel.Town
                    ? $"{element.Name}由镇党政办报送，村不能报送。"
                    : $"{element.Name}由各村报送，镇党政办不能报送。");
            }

            if (value < element.Min || value > element.Max)
            {
                errors.Add(code, string.Create(CultureInfo.InvariantCulture, $"{element.Name}应在{element.Min}至{element.Max}{element.Unit}之间。"));
            }

            if (element.Type == FigureType.Integer && value != decimal.Truncate(value))
            {
                errors.Add(code, $"{element.Name}应为整数（单位：{element.Unit}）。");
            }
            else if (element.Type == FigureType.Decimal && value.Scale > element.Decimals && decimal.Round(value, element.Decimals) != value)
            {
                errors.Add(code, $"{element.Name}最多保留{element.Decimals}位小数。");
            }
        }

        foreach (var rule in catalog.Rules)
        {
            if (rule.Left.Concat(rule.Right).All(values.ContainsKey)
                && rule.Left.Sum(c => values[c]) > rule.Right.Sum(c => values[c]))
            {
                errors.Add(rule.Left[0], rule.Message);
            }
        }
    }

    /// <summary>
    /// Values more than three times, or less than a third of, the same element's previous month, when the change is
    /// also larger than an absolute floor: a village's births going from 1 to 0, or a road from 0.4 to 0.1 km, is an
    /// ordinary month, not 异常波动.
    /// </summary>
    public static IReadOnlyList<Warning> Outliers(ElementCatalog catalog, IReadOnlyDictionary<string, decimal> values, IReadOnlyDictionary<string, decimal>? previous)
    {
        if (previous is null)
        {
            return [];
        }

        // The smallest change worth a second look, in the element's own unit.
        static decimal Floor(DataElement? element) => element?.Unit switch
        {
            "亿元" => 0.5m,
            "万元" or "万美元" => 10m,
            "元" => 50m,
            "公里" => 3m,
            "米" => 500m,
            "平方米" => 2000m,
            "亩" => 100m,
            _ => element?.Type == FigureType.Decimal ? 1m : 5m, // counts: 户, 人, 个, 次 …
        };

        var warnings = new List<Warning>();
        foreach (var (code, value) in values)
        {
            if (!previous.TryGetValue(code, out var before) || before <= 0)
            {
                continue;
            }

            var element = catalog.Find(code);
            if (Math.Abs(value - before) < Floor(element))
            {
                continue;
            }

            var name = element?.Name ?? code;
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
