using System.Text.Json;
using VillageReports.Common;

namespace VillageReports.Units;

public sealed record TownSaved(Town Town, bool Created);
public sealed record IssuedToken(string Unit, string Token);
public sealed record RevokedTokens(string Unit, int Revoked);

/// <summary>The town office's work on units: registering towns and villages, issuing and revoking tokens.</summary>
public sealed class UnitService(UnitStore units, TokenStore tokens)
{
    private const int MaxNameLength = 64;
    private const int MaxVillages = 500;

    public async Task<Result<TownSaved>> PutTownAsync(Caller caller, string townRoute, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var town = UnitCode.TownFromRoute(townRoute);
        if ((town.Problem ?? Access.Admin(caller)) is { } refused)
        {
            return refused;
        }

        var code = town.Value;
        var errors = new ValidationErrors();
        var parsed = ParseTown(code, body, errors);
        if (parsed is null)
        {
            return errors.ToProblem("The town is not valid.");
        }

        return new TownSaved(parsed, Created: await units.SaveAsync(parsed, cancellationToken));
    }

    public async Task<Result<Town>> GetTownAsync(Caller caller, string townRoute, CancellationToken cancellationToken)
    {
        var code = UnitCode.TownFromRoute(townRoute);
        if ((code.Problem ?? Access.Admin(caller)) is { } refused)
        {
            return refused;
        }

        return await units.FindTownAsync(code.Value, cancellationToken) is { } town ? town : Problem.NotFound("Town");
    }

    public async Task<Result<IssuedToken>> IssueTokenAsync(Caller caller, string unitRoute, CancellationToken cancellationToken)
    {
        var unit = await AdminUnitAsync(caller, unitRoute, cancellationToken);
        if (unit.Problem is { } problem)
        {
            return problem;
        }

        var token = await tokens.IssueAsync(unit.Value, cancellationToken);
        return new IssuedToken(unit.Value.Value, token);
    }

    public async Task<Result<RevokedTokens>> RevokeTokensAsync(Caller caller, string unitRoute, CancellationToken cancellationToken)
    {
        var unit = await AdminUnitAsync(caller, unitRoute, cancellationToken);
        if (unit.Problem is { } problem)
        {
            return problem;
        }

        return new RevokedTokens(unit.Value.Value, await tokens.RevokeAllAsync(unit.Value, cancellationToken));
    }

    private async Task<Result<UnitCode>> AdminUnitAsync(Caller caller, string unitRoute, CancellationToken cancellationToken)
    {
        if (!UnitCode.TryParse(unitRoute, out var code))
        {
            return Problem.InvalidField("unit", "A unit code is 12 digits.");
        }

        if (Access.Admin(caller) is { } refused)
        {
            return refused;
        }

        // A county holds a token too, to read the reports of its towns; it is known once one of its towns is registered.
        var known = code.IsCounty
            ? (await units.ListTownsAsync(cancellationToken)).Any(t => t.County == code)
            : await units.FindUnitAsync(code, cancellationToken) is not null;
        return known ? code : Problem.NotFound("Unit");
    }

    private static Town? ParseTown(UnitCode code, ReadOnlyMemory<byte> body, ValidationErrors errors)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException ex)
        {
            errors.Add("body", $"JSON 格式错误：{ex.Message}");
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                errors.Add("body", "请求体应为 JSON 对象：{ \"name\", \"county\", \"villages\": [{ \"code\", \"name\" }] }。");
                return null;
            }

            var name = Text(root, "name", errors, "name");
            var countyText = Text(root, "county", errors, "county");
            var county = default(UnitCode);
            if (countyText is not null && (!UnitCode.TryParse(countyText, out county) || !county.IsCounty || county != code.County))
            {
                errors.Add("county", $"所属县应为{code.County}（由镇代码的前6位决定）。");
            }

            var villages = new List<Village>();
            if (!root.TryGetProperty("villages", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                errors.Add("villages", "villages 应为 { code, name } 的数组。");
            }
            else if (list.GetArrayLength() > MaxVillages)
            {
                errors.Add("villages", $"一个镇最多{MaxVillages}个村。");
            }
            else
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                var index = 0;
                foreach (var item in list.EnumerateArray())
                {
                    var field = $"villages[{index++}]";
                    if (item.ValueKind != JsonValueKind.Object)
                    {
                        errors.Add(field, "每个村应为 { code, name } 对象。");
                        continue;
                    }

                    var villageName = Text(item, "name", errors, field + ".name");
                    var villageCode = Text(item, "code", errors, field + ".code");
                    if (villageCode is null)
                    {
                        continue;
                    }

                    if (!UnitCode.TryParse(villageCode, out var vc) || !vc.IsVillage || vc.Town != code)
                    {
                        errors.Add(field + ".code", $"本镇的村代码为12位数字，以{code.Value[..9]}开头，且不以000结尾。");
                    }
                    else if (!seen.Add(vc.Value))
                    {
                        errors.Add(field + ".code", $"村{vc}重复出现。");
                    }
                    else if (villageName is not null)
                    {
                        villages.Add(new Village(vc, villageName));
                    }
                }
            }

            return errors.Count == 0 ? new Town(code, name!, county, villages) : null;
        }
    }

    private static string? Text(JsonElement parent, string property, ValidationErrors errors, string field)
    {
        if (!parent.TryGetProperty(property, out var value) || value.ValueKind != JsonValueKind.String)
        {
            errors.Add(field, $"缺少 {property}，或它不是字符串。");
            return null;
        }

        var text = value.GetString()!.Trim();
        if (text.Length is 0 or > MaxNameLength || text.Any(char.IsControl))
        {
            errors.Add(field, $"{property} 应为1至{MaxNameLength}个字符，且不含控制字符。");
            return null;
        }

        return text;
    }
}
