using System.Globalization;
using System.Text.Json;
using VillageReports.Catalog;
using VillageReports.Common;
using VillageReports.Submissions;
using VillageReports.Units;

namespace VillageReports.Targets;

public sealed record TownTargets(string Town, int Year, IReadOnlyDictionary<string, decimal> Targets);

/// <summary>Annual targets (年度目标) the town office sets per element; a report shows each figure's % of its target.</summary>
public sealed class TargetService(ElementCatalog catalog, UnitStore units, TargetStore targets)
{
    public async Task<Result<TownTargets>> PutAsync(Caller caller, string townRoute, string yearRoute, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var town = await AdminTownAsync(caller, townRoute, yearRoute, cancellationToken);
        if (town.Problem is { } problem)
        {
            return problem;
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

        var (townCode, year) = town.Value;
        await targets.SaveAsync(townCode, year, values, cancellationToken);
        return new TownTargets(townCode.Value, year, values);
    }

    public async Task<Result<TownTargets>> GetAsync(Caller caller, string townRoute, string yearRoute, CancellationToken cancellationToken)
    {
        var town = await AdminTownAsync(caller, townRoute, yearRoute, cancellationToken);
        if (town.Problem is { } problem)
        {
            return problem;
        }

        var (code, year) = town.Value;
        return new TownTargets(code.Value, year, await targets.GetAsync(code, year, cancellationToken));
    }

    private async Task<Result<(UnitCode Town, int Year)>> AdminTownAsync(Caller caller, string townRoute, string yearRoute, CancellationToken cancellationToken)
    {
        var town = UnitCode.TownFromRoute(townRoute);
        if (town.Problem is { } badTown)
        {
            return badTown;
        }

        if (yearRoute.Length != 4 || !Period.TryParse(yearRoute + "-01", out var period))
        {
            return Problem.InvalidField("year", "A year is four digits, e.g. 2026.");
        }

        if (Access.Admin(caller) is { } refused)
        {
            return refused;
        }

        return await units.FindTownAsync(town.Value, cancellationToken) is null ? Problem.NotFound("Town") : (town.Value, period.Year);
    }

    private static SortedDictionary<string, decimal> Parse(ReadOnlyMemory<byte> body, ValidationErrors errors)
    {
        var values = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(body);
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
        }
        catch (JsonException ex)
        {
            errors.Add("body", $"JSON 格式错误：{ex.Message}");
        }

        return values;
    }
}
