using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using VillageReports.Delivery;

namespace VillageReports.Reminders;

/// <summary>Posts a reminder to the town's channel in that channel's own format, and reads its answer.</summary>
public sealed class RobotClient(IHttpClientFactory http, TimeProvider clock)
{
    public const string Client = "reminder-robots";

    /// <param name="attemptTimeout">How long this try may take: past it, the try failed (the job's own token still stops everything).</param>
    public async Task<RobotAnswer> SendAsync(ReminderSettings settings, ReminderMessage message, TimeSpan attemptTimeout, CancellationToken cancellationToken)
    {
        var (url, body) = settings.Channel switch
        {
            // WeCom group robot (企业微信群机器人), "群机器人配置说明", developer.work.weixin.qq.com/document/path/91770:
            // POST {"msgtype":"markdown","markdown":{"content":…}} (content at most 4096 bytes); errcode 0 is success.
            ReminderChannel.WeCom => (settings.Url, JsonSerializer.SerializeToUtf8Bytes(new { msgtype = "markdown", markdown = new { content = message.Markdown } })),

            // DingTalk custom robot (钉钉自定义机器人), open.dingtalk.com/document/robots/custom-robot-access: with 加签 the URL
            // carries timestamp (ms) and sign = urlEncode(Base64(HmacSHA256(key: secret, data: timestamp + "\n" + secret)));
            // markdown is {"msgtype":"markdown","markdown":{"title","text"}}; errcode 0 is success.
            ReminderChannel.DingTalk => (DingTalkUrl(settings), JsonSerializer.SerializeToUtf8Bytes(new { msgtype = "markdown", markdown = new { title = message.Title, text = message.Markdown } })),

            // Our own generic webhook: the message as data, signed like deliveries (X-Signature: sha256=<hex HMAC>).
            _ => (settings.Url, JsonSerializer.SerializeToUtf8Bytes(new
            {
                message.Town, message.TownName, message.Period, dueDate = message.DueDate, message.DaysFromDue,
                missing = message.Missing, consoleUrl = message.ConsoleUrl, text = message.Markdown,
            }, JsonSerializerOptions.Web)),
        };

        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        if (settings.Channel == ReminderChannel.Webhook)
        {
            request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(body, settings.Secret ?? ""));
        }

        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(attemptTimeout);
        try
        {
            using var response = await http.CreateClient(Client).SendAsync(request, attempt.Token);
            var text = await response.Content.ReadAsStringAsync(attempt.Token);
            var status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                return new RobotAnswer(status, null, $"HTTP {status}");
            }

            if (settings.Channel == ReminderChannel.Webhook)
            {
                return new RobotAnswer(status, null, null);
            }

            var errcode = ErrorCode(text);
            return errcode == 0
                ? new RobotAnswer(status, "errcode 0", null)
                : new RobotAnswer(status, $"errcode {errcode?.ToString(CultureInfo.InvariantCulture) ?? "?"}", $"the robot refused with errcode {errcode?.ToString(CultureInfo.InvariantCulture) ?? "(none)"}");
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // A try that timed out is a failed try, retried with backoff, never a lost reminder.
            return new RobotAnswer(null, null, ex is OperationCanceledException ? $"no answer within {attemptTimeout.TotalSeconds:0} s" : $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private string DingTalkUrl(ReminderSettings settings)
    {
        if (string.IsNullOrEmpty(settings.Secret))
        {
            return settings.Url;
        }

        var timestamp = clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var sign = Uri.EscapeDataString(DingTalkSign(timestamp, settings.Secret));
        return $"{settings.Url}{(settings.Url.Contains('?', StringComparison.Ordinal) ? '&' : '?')}timestamp={timestamp}&sign={sign}";
    }

    public static string DingTalkSign(string timestamp, string secret) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "\n" + secret)));

    private static int? ErrorCode(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.TryGetProperty("errcode", out var code) && code.TryGetInt32(out var value) ? value : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
