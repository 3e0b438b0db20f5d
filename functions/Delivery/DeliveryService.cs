using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VillageReports.Units;

namespace VillageReports.Delivery;

/// <summary>
/// Delivers a report version to its county: a copy into the county inbox container and, when configured, a signed
/// webhook notice. A version is delivered once, however often its message arrives.
/// </summary>
public sealed partial class DeliveryService(
    DeliveryStore deliveries,
    IHttpClientFactory http,
    IOptions<DeliveryOptions> options,
    TimeProvider clock,
    ILogger<DeliveryService> logger)
{
    public const string WebhookClient = "county-webhook";

    public async Task DeliverAsync(DeliveryJob job, CancellationToken cancellationToken)
    {
        if (!job.TryRead(out var town, out var report))
        {
            throw new InvalidOperationException($"Malformed delivery {job}: it goes to the poison queue.");
        }

        // A duplicate message, possibly running at the same moment, must not notify the county twice: one run claims
        // the version. A run that finds another sending fails for now: the queue tries it again later, when it finds
        // the version delivered, or failed or abandoned (a run that died) and takes it over. Nothing is lost.
        var settings = options.Value;
        var abandonedAfter = (settings.AttemptTimeout + settings.FirstRetryDelay * 2) * Math.Max(1, settings.MaxAttempts) + TimeSpan.FromMinutes(1);
        switch (await deliveries.TryClaimAsync(town, report, job.Version, clock.GetUtcNow(), abandonedAfter, cancellationToken))
        {
            case DeliveryStore.Delivered:
                LogAlreadyDelivered(logger, job.Town, job.Kind, job.Period, job.Version);
                return;
            case DeliveryStore.Sending:
                throw new DeliveryFailedException($"{job} is being delivered by another run; this message is tried again later.");
        }

        try
        {
            await SendAsync(job, town, report, settings, cancellationToken);
        }
        catch (Exception ex) when (ex is not DeliveryFailedException)
        {
            // Whatever stopped this run (storage, a crash of the copy), the next try takes the delivery over at once.
            await deliveries.SetStatusAsync(job, DeliveryStore.Failed, "", clock.GetUtcNow(), $"{ex.GetType().Name}: {ex.Message}", CancellationToken.None);
            throw;
        }
    }

    private async Task SendAsync(DeliveryJob job, UnitCode town, ReportPeriod report, DeliveryOptions settings, CancellationToken cancellationToken)
    {
        var inboxPdf = await deliveries.CopyToInboxAsync(town, report, job, cancellationToken);
        if (string.IsNullOrEmpty(settings.WebhookUrl))
        {
            await deliveries.SetStatusAsync(job, DeliveryStore.Delivered, inboxPdf, clock.GetUtcNow(), null, cancellationToken);
            return;
        }

        var notice = new WebhookNotice(job.Town, town.County.Value, job.Kind, job.Period, job.Version, job.Sha256, job.Size,
            $"{settings.PublicBaseUrl?.TrimEnd('/')}/api/towns/{job.Town}/reports/{job.Kind}/{job.Period}?version={job.Version}");
        var body = JsonSerializer.SerializeToUtf8Bytes(notice, JsonSerializerOptions.Web);
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.WebhookUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(body, settings.WebhookSecret ?? ""));
        request.Options.Set(AttemptRecorder.Delivery, job);

        string? failure;
        try
        {
            using var response = await http.CreateClient(WebhookClient).SendAsync(request, cancellationToken);
            failure = response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} after {settings.MaxAttempts} tries";
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            failure = $"{ex.GetType().Name}: {ex.Message}";
        }

        await deliveries.SetStatusAsync(job, failure is null ? DeliveryStore.Delivered : DeliveryStore.Failed, inboxPdf, clock.GetUtcNow(), failure, cancellationToken);
        if (failure is not null)
        {
            LogFailed(logger, job.Town, job.Kind, job.Period, job.Version, failure);
            throw new DeliveryFailedException($"The county webhook refused {job}: {failure}");
        }

        LogDelivered(logger, job.Town, job.Kind, job.Period, job.Version);
    }

    public Task<IReadOnlyList<DeliveryRecord>> ListAsync(TownScope town, CancellationToken cancellationToken) =>
        deliveries.ListAsync(town.Code, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Report {Town} {Kind} {Period} v{Version} was delivered already, or is being delivered; nothing to do")]
    private static partial void LogAlreadyDelivered(ILogger logger, string town, string kind, string period, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Report {Town} {Kind} {Period} v{Version} delivered to the county")]
    private static partial void LogDelivered(ILogger logger, string town, string kind, string period, int version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report {Town} {Kind} {Period} v{Version} not delivered: {Failure}")]
    private static partial void LogFailed(ILogger logger, string town, string kind, string period, int version, string failure);
}
