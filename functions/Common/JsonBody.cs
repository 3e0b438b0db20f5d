using System.Text.Json;

namespace VillageReports.Common;

/// <summary>The preamble every JSON body parser shares: a bounded parse whose failure is a field error, not an exception.</summary>
public static class JsonBody
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 8 };

    /// <summary>The body as a JSON object, or null with the reason added to <paramref name="errors"/>.</summary>
    /// <param name="shape">What the body should look like, for the message.</param>
    public static JsonDocument? ParseObject(ReadOnlyMemory<byte> body, ValidationErrors errors, string shape)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, Options);
        }
        catch (JsonException ex)
        {
            errors.Add("body", $"JSON 格式错误：{ex.Message}");
            return null;
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            errors.Add("body", $"请求体应为 JSON 对象：{shape}。");
            return null;
        }

        return document;
    }
}
