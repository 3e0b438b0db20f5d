using System.Diagnostics;

namespace VillageReports.Delivery;

/// <summary>
/// Sits inside the resilience pipeline, so it sees every try: records its time, HTTP status (or error) and duration
/// against the delivery named in the request's <c>X-Delivery</c> header.
/// </summary>
public sealed class AttemptRecorder(DeliveryStore deliveries, TimeProvider clock) : DelegatingHandler
{
    public const string DeliveryHeader = "X-Delivery";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var job = request.Headers.TryGetValues(DeliveryHeader, out var values) ? Parse(values.First()) : null;
        var at = clock.GetUtcNow();
        var watch = Stopwatch.StartNew();
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (job is not null)
            {
                await deliveries.AddAttemptAsync(job, new DeliveryAttempt(at, (int)response.StatusCode, watch.ElapsedMilliseconds, null), CancellationToken.None);
            }

            return response;
        }
        catch (Exception ex) when (job is not null)
        {
            await deliveries.AddAttemptAsync(job, new DeliveryAttempt(at, null, watch.ElapsedMilliseconds, ex.GetType().Name + ": " + ex.Message), CancellationToken.None);
            throw;
        }
    }

    public static string Format(DeliveryJob job) => $"{job.Town}/{job.Kind}/{job.Period}/{job.Version}";

    private static DeliveryJob? Parse(string value)
    {
        var parts = value.Split('/');
        return parts.Length == 4 && int.TryParse(parts[3], System.Globalization.CultureInfo.InvariantCulture, out var version)
            ? new DeliveryJob(parts[0], parts[1], parts[2], version)
            : null;
    }
}
