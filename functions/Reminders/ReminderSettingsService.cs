using System.Net;
using System.Text.Json;
using VillageReports.Units;

namespace VillageReports.Reminders;

/// <summary>A town's reminder channel, as the town office sets it; the secret is written, never read back.</summary>
public sealed class ReminderSettingsService(ReminderStore store, Microsoft.Extensions.Options.IOptions<ReminderOptions> options)
{
    private const int MaxUrlLength = 500;

    public async Task<Result<ReminderSettingsView>> PutAsync(TownScope town, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var existing = await store.GetSettingsAsync(town.Code, cancellationToken);
        var settings = Parse(town.Code, body, existing, options.Value.AllowLoopback, errors);
        if (settings is null || errors.Count > 0)
        {
            return errors.ToProblem("The reminder settings are not valid.");
        }

        await store.SaveSettingsAsync(settings, cancellationToken);
        return ReminderSettingsView.From(settings);
    }

    public async Task<Result<ReminderSettingsView>> GetAsync(TownScope town, CancellationToken cancellationToken) =>
        await store.GetSettingsAsync(town.Code, cancellationToken) is { } settings
            ? ReminderSettingsView.From(settings)
            : Problem.NotFound("Reminder settings");

    public Task<IReadOnlyList<ReminderRecord>> ListSentAsync(TownScope town, CancellationToken cancellationToken) =>
        store.ListAsync(town.Code, cancellationToken);

    private static ReminderSettings? Parse(UnitCode town, ReadOnlyMemory<byte> body, ReminderSettings? existing, bool allowLoopback, ValidationErrors errors)
    {
        using var document = JsonBody.ParseObject(body, errors, "{ \"channel\": \"wecom|dingtalk|webhook\", \"url\", \"secret\"?, \"days\"?, \"everyDayAfterDue\"? }");
        if (document is null)
        {
            return null;
        }

        var root = document.RootElement;
        var channel = root.TryGetProperty("channel", out var c) && c.ValueKind == JsonValueKind.String && Enum.TryParse<ReminderChannel>(c.GetString(), ignoreCase: true, out var parsed)
            ? parsed
            : (ReminderChannel?)null;
        if (channel is null)
        {
            errors.Add("channel", "channel 应为 wecom（企业微信群机器人）、dingtalk（钉钉自定义机器人）或 webhook。");
        }

        var url = root.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString()!.Trim() : null;
        if (url is null || url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || !(uri.Scheme == Uri.UriSchemeHttps || (allowLoopback && uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri))))
        {
            errors.Add("url", "url 应为 https 地址（机器人的 Webhook 地址）。");
        }

        // Write-only: left out, the secret already set is kept; null clears it.
        var secret = existing?.Secret;
        if (root.TryGetProperty("secret", out var s))
        {
            secret = s.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String when s.GetString()!.Length is > 0 and <= 200 => s.GetString(),
                _ => Invalid(errors, "secret", "secret 应为1至200个字符，或 null 以清除。"),
            };
        }

        var days = new List<int>(ReminderSettings.DefaultDays);
        if (root.TryGetProperty("days", out var d))
        {
            days = d.ValueKind == JsonValueKind.Array && d.EnumerateArray().All(x => x.ValueKind == JsonValueKind.Number && x.TryGetInt32(out var n) && n is >= -15 and <= 31)
                ? d.EnumerateArray().Select(x => x.GetInt32()).Distinct().Order().ToList()
                : Invalid<List<int>>(errors, "days", "days 应为相对截止日的天数（−15 至 31）组成的数组，如 [-2, 0]。") ?? [];
        }

        var everyDayAfterDue = !root.TryGetProperty("everyDayAfterDue", out var e) || e.ValueKind != JsonValueKind.False;
        return channel is { } ch && url is not null ? new ReminderSettings(town, ch, url, secret, days, everyDayAfterDue) : null;
    }

    private static bool IsLoopback(Uri uri) => uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip));

    private static string? Invalid(ValidationErrors errors, string field, string message) => Invalid<string>(errors, field, message);

    private static T? Invalid<T>(ValidationErrors errors, string field, string message)
    {
        errors.Add(field, message);
        return default;
    }
}
