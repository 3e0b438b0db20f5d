using System.Globalization;
using System.Text.Json;
using VillageReports.Catalog;
using VillageReports.Units;

namespace VillageReports.Targets;

/// <summary>Annual targets (年度目标) the town office sets per element; a report shows each figure's % of its target.</summary>
public sealed class TargetService(ElementCatalog catalog, TargetStore targets)
{
    public async Task<Result<TownTargets>> PutAsync(TownScope town, string yearRoute, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var year = Period.YearFromRoute(yearRoute);
        if (year.Problem is { } invalid)
        {
            return invalid;
        }

        var errors = new ValidationErrors();
        var values = Parse(body, errors);
        foreach (var (code, value) in values)
        {
            if (catalog.Find(code) is not { } element)
            {
                errors.Add(code, "未知的指标代码，请查看 GET /api/catalog。");
            }
            else if (value <= 0 || value > element.Max * 12)
            {
                errors.Add(code, string.Create(CultureInfo.InvariantCulture, $"年度目标应大于0且不超过{element.Max * 12}{element.Unit}。"));
            }
        }

        if (errors.Count > 0)
        {
            return errors.ToProblem("The targets are not valid.");
        }

        await targets.SaveAsync(town.Code, year.Value, values, cancellationToken);
        return new TownTargets(town.Code.Value, year.Value, values);
    }

    public async Task<Result<TownTargets>> GetAsync(TownScope town, string yearRoute, CancellationToken cancellationToken)
    {
        var year = Period.YearFromRoute(yearRoute);
        return year.Problem is { } invalid
            ? invalid
            : new TownTargets(town.Code.Value, year.Value, await targets.GetAsync(town.Code, year.Value, cancellationToken));
    }

    private static SortedDictionary<string, decimal> Parse(ReadOnlyMemory<byte> body, ValidationErrors errors)
    {
        var values = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        using var document = JsonBody.ParseObject(body, errors, "{ \"targets\": { 指标代码: 目标值 } }");
        if (document is null)
        {
            return values;
        }

        if (!document.RootElement.TryGetProperty("targets", out var list) || list.ValueKind != JsonValueKind.Object)
        {
            errors.Add("targets", "缺少 targets：应为“指标代码 → 目标值”的对象。");
            return values;
        }

        foreach (var item in list.EnumerateObject())
        {
            if (item.Value.ValueKind == JsonValueKind.Number && item.Value.TryGetDecimal(out var value))
            {
                values[item.Name] = value;
            }
            else
            {
                errors.Add(item.Name, "应为有限的数值。");
            }
        }

        return values;
    }
}
