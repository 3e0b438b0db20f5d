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
            Add(errors, "body", $"Malformed JSON: {ex.Message}");
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                Add(errors, "body", "The body must be a JSON object: { \"values\": { code: number }, \"comment\"?, \"reason\"? }.");
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
                            ? "'values' is given twice."
                            : $"Unknown field '{property.Name}': expected values, comment or reason.");
                        break;
                }
            }

            if (!seenValues)
            {
                Add(errors, "values", "'values' is required: an object of element code → number.");
            }

            return new SubmissionDraft(values, comment, reason);
        }
    }

    private static void ReadValues(JsonElement element, SortedDictionary<string, decimal> values, IDictionary<string, List<string>> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Add(errors, "values", "'values' must be an object of element code → number.");
            return;
        }

        foreach (var item in element.EnumerateObject())
        {
            var code = item.Name;
            if (values.ContainsKey(code))
            {
                Add(errors, code, "This element is given twice.");
            }
            else if (item.Value.ValueKind != JsonValueKind.Number)
            {
                Add(errors, code, $"Must be a number, not {Describe(item.Value.ValueKind)}.");
            }
            else if (!item.Value.TryGetDecimal(out var value))
            {
                Add(errors, code, "Must be a finite number within range.");
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
            Add(errors, property.Name, $"'{property.Name}' must be a string.");
            return null;
        }

        var text = property.Value.GetString()!.Trim();
        if (text.Length > MaxTextLength)
        {
            Add(errors, property.Name, $"'{property.Name}' may be at most {MaxTextLength} characters.");
        }

        return text.Length == 0 ? null : text;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        _ => "an object",
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
