using System.Text.Json;

namespace VillageReports.Submissions;

/// <summary>Reads a submission body, listing every problem rather than stopping at the first.</summary>
public static class SubmissionParser
{
    public const int MaxTextLength = 500;

    public static SubmissionDraft? Parse(ReadOnlyMemory<byte> body, IDictionary<string, List<string>> errors)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException ex)
        {
            Add(errors, "body", $"JSON 格式错误：{ex.Message}");
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                Add(errors, "body", "请求体应为 JSON 对象：{ \"values\": { 指标代码: 数值 }, \"comment\"?, \"reason\"? }。");
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
                        Add(errors, property.Name, seenValues && property.Name == "values"
                            ? "values 重复出现。"
                            : $"未知字段 {property.Name}：只能是 values、comment 或 reason。");
                        break;
                }
            }

            if (!seenValues)
            {
                Add(errors, "values", "缺少 values：应为“指标代码 → 数值”的对象。");
            }

            return new SubmissionDraft(values, comment, reason);
        }
    }

    private static void ReadValues(JsonElement element, SortedDictionary<string, decimal> values, IDictionary<string, List<string>> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Add(errors, "values", "values 应为“指标代码 → 数值”的对象。");
            return;
        }

        foreach (var item in element.EnumerateObject())
        {
            var code = item.Name;
            if (values.ContainsKey(code))
            {
                Add(errors, code, "该指标重复出现。");
            }
            else if (item.Value.ValueKind != JsonValueKind.Number)
            {
                Add(errors, code, $"应为数字，不能是{Describe(item.Value.ValueKind)}。");
            }
            else if (!item.Value.TryGetDecimal(out var value))
            {
                Add(errors, code, "应为有限的数值（超出可表示范围）。");
            }
            else
            {
                values[code] = value;
            }
        }
    }

    private static string? ReadText(JsonProperty property, IDictionary<string, List<string>> errors)
    {
        if (property.Value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (property.Value.ValueKind != JsonValueKind.String)
        {
            Add(errors, property.Name, $"{property.Name} 应为字符串。");
            return null;
        }

        var text = property.Value.GetString()!.Trim();
        if (text.Length > MaxTextLength)
        {
            Add(errors, property.Name, $"{property.Name} 最多{MaxTextLength}个字符。");
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

    internal static void Add(IDictionary<string, List<string>> errors, string key, string message)
    {
        if (!errors.TryGetValue(key, out var list))
        {
            errors[key] = list = [];
        }

        list.Add(message);
    }
}
