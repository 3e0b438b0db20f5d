using System.Text.Json;

namespace VillageReports.Submissions;

/// <summary>Reads a submission body, listing every problem rather than stopping at the first.</summary>
public static class SubmissionParser
{
    public const int MaxTextLength = 500;

    public static SubmissionDraft? Parse(ReadOnlyMemory<byte> body, ValidationErrors errors)
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
                errors.Add("body", "请求体应为 JSON 对象：{ \"values\": { 指标代码: 数值 }, \"comment\"?, \"reason\"? }。");
                return null;
            }

            var values = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
            string? comment = null, reason = null;
            var seenValues = false;
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "values" when !seenValues:
                        seenValues = true;
                        ReadValues(property.Value, values, errors);
                        break;
                    case "comment":
                        comment = ReadText(property, errors);
                        break;
                    case "reason":
                        reason = ReadText(property, errors);
                        break;
                    default:
                        errors.Add(property.Name, seenValues && property.Name == "values"
                            ? "values 重复出现。"
                            : $"未知字段 {property.Name}：只能是 values、comment 或 reason。");
                        break;
                }
            }

            if (!seenValues)
            {
                errors.Add("values", "缺少 values：应为“指标代码 → 数值”的对象。");
            }

            return new SubmissionDraft(values, comment, reason);
        }
    }

    private static void ReadValues(JsonElement element, SortedDictionary<string, decimal> values, ValidationErrors errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add("values", "values 应为“指标代码 → 数值”的对象。");
            return;
        }

        foreach (var item in element.EnumerateObject())
        {
            var code = item.Name;
            if (values.ContainsKey(code))
            {
                errors.Add(code, "该指标重复出现。");
            }
            else if (item.Value.ValueKind != JsonValueKind.Number)
            {
                errors.Add(code, $"应为数字，不能是{Describe(item.Value.ValueKind)}。");
            }
            else if (!item.Value.TryGetDecimal(out var value))
            {
                errors.Add(code, "应为有限的数值（超出可表示范围）。");
            }
            else
            {
                values[code] = value;
            }
        }
    }

    private static string? ReadText(JsonProperty property, ValidationErrors errors)
    {
        if (property.Value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (property.Value.ValueKind != JsonValueKind.String)
        {
            errors.Add(property.Name, $"{property.Name} 应为字符串。");
            return null;
        }

        var text = property.Value.GetString()!.Trim();
        if (text.Length > MaxTextLength)
        {
            errors.Add(property.Name, $"{property.Name} 最多{MaxTextLength}个字符。");
        }

        return text.Length == 0 ? null : text;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "字符串",
        JsonValueKind.True or JsonValueKind.False => "布尔值",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "数组",
        _ => "对象",
    };
}
