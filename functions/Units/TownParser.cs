using System.Text.Json;

namespace VillageReports.Units;

/// <summary>Reads a town body <c>{ name, county, villages: [{ code, name }] }</c>, listing every problem.</summary>
public static class TownParser
{
    private const int MaxNameLength = 64;
    private const int MaxVillages = 500;

    public static Town? Parse(UnitCode code, ReadOnlyMemory<byte> body, ValidationErrors errors)
    {
        using var document = JsonBody.ParseObject(body, errors, "{ \"name\", \"county\", \"villages\": [{ \"code\", \"name\" }], \"requireApproval\"? }");
        if (document is null)
        {
            return null;
        }

        var root = document.RootElement;
        var name = Text(root, "name", errors, "name");
        var county = County(code, Text(root, "county", errors, "county"), errors);
        var villages = Villages(code, root, errors);
        var requireApproval = RequireApproval(root, errors);
        return errors.Count == 0 ? new Town(code, name!, county, villages, requireApproval) : null;
    }

    private static bool RequireApproval(JsonElement root, ValidationErrors errors)
    {
        if (!root.TryGetProperty("requireApproval", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            errors.Add("requireApproval", "requireApproval 应为 true 或 false。");
            return false;
        }

        return value.GetBoolean();
    }

    private static UnitCode County(UnitCode town, string? text, ValidationErrors errors)
    {
        var county = default(UnitCode);
        if (text is not null && (!UnitCode.TryParse(text, out county) || !county.IsCounty || county != town.County))
        {
            errors.Add("county", $"所属县应为{town.County}（由镇代码的前6位决定）。");
        }

        return county;
    }

    private static List<Village> Villages(UnitCode town, JsonElement root, ValidationErrors errors)
    {
        var villages = new List<Village>();
        if (!root.TryGetProperty("villages", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            errors.Add("villages", "villages 应为 { code, name } 的数组。");
            return villages;
        }

        if (list.GetArrayLength() > MaxVillages)
        {
            errors.Add("villages", $"一个镇最多{MaxVillages}个村。");
            return villages;
        }

        var seen = new HashSet<UnitCode>();
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var field = $"villages[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors.Add(field, "每个村应为 { code, name } 对象。");
                continue;
            }

            var name = Text(item, "name", errors, field + ".name");
            if (Text(item, "code", errors, field + ".code") is not { } text)
            {
                continue;
            }

            if (!UnitCode.TryParse(text, out var code) || !code.IsVillage || code.Town != town)
            {
                errors.Add(field + ".code", $"本镇的村代码为12位数字，以{town.Value[..9]}开头，且不以000结尾。");
            }
            else if (!seen.Add(code))
            {
                errors.Add(field + ".code", $"村{code}重复出现。");
            }
            else if (name is not null)
            {
                villages.Add(new Village(code, name));
            }
        }

        return villages;
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
