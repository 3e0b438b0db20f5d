using System.Diagnostics;

namespace VillageReports.Delivery;

/// <summary>
/// Sits inside the resilience pipeline, so it sees every try: records its time, HTTP status (or error) and duration
/// against the delivery the request carries in its options (never in a header, which would reach the county).
/// </summary>
public sealed class AttemptRecorder(DeliveryStore deliveries, TimeProvider clock) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<DeliveryJob> Delivery = new("VillageReports.Delivery");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var job = request.Options.TryGetValue(Delivery, out var value) ? value : null;
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
}
