using VillageReports.Storage;

namespace VillageReports.Health;

/// <summary>Whether the app can reach each storage service it needs; says nothing about data or secrets.</summary>
public sealed class HealthService(StorageResources storage, StorageNames names)
{
    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var tables = Probe(async () => await (await storage.TableAsync(names.UnitsTable)).QueryAsync<Azure.Data.Tables.TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken).AsPages().FirstOrDefaultAsync(cancellationToken));
        var blobs = Probe(async () => await (await storage.ContainerAsync(names.ReportsContainer)).GetPropertiesAsync(cancellationToken: cancellationToken));
        var queues = Probe(async () => await (await storage.QueueAsync(names.ReportJobsQueue)).GetPropertiesAsync(cancellationToken));
        var results = await Task.WhenAll(tables, blobs, queues);
        return new HealthReport(results.All(r => r) ? "healthy" : "unhealthy", new HealthChecks(Word(results[0]), Word(results[1]), Word(results[2])));
    }

    private static async Task<bool> Probe(Func<Task> call)
    {
        try
        {
            await call();
            return true;
        }
        catch (Exception ex) when (Api.Failures.IsStorageUnavailable(ex))
        {
            return false;
        }
    }

    private static string Word(bool ok) => ok ? "ok" : "unavailable";
}
