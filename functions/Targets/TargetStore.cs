using Azure;
using Azure.Data.Tables;
using VillageReports.Storage;
using VillageReports.Units;

namespace VillageReports.Targets;

/// <summary>A town's annual targets, by element code, one row per town and year.</summary>
public sealed class TargetStore(StorageResources storage, StorageNames names)
{
    public async Task<IReadOnlyDictionary<string, decimal>> GetAsync(UnitCode town, int year, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(names.TargetsTable);
        var row = await table.GetEntityIfExistsAsync<TargetEntity>(StorageKeys.TargetPartition(town), StorageKeys.TargetRow(year), cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity ? FigureCodec.Decode(entity.Targets) : new SortedDictionary<string, decimal>();
    }

    public async Task SaveAsync(UnitCode town, int year, IReadOnlyDictionary<string, decimal> targets, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(names.TargetsTable);
        await table.UpsertEntityAsync(new TargetEntity
        {
            PartitionKey = StorageKeys.TargetPartition(town),
            RowKey = StorageKeys.TargetRow(year),
            Targets = FigureCodec.Encode(targets),
        }, TableUpdateMode.Replace, cancellationToken);
    }

    private sealed class TargetEntity : ITableEntity
    {
        public string PartitionKey { get; set; } = "";
        public string RowKey { get; set; } = "";
        public DateTimeOffset? Timestamp { get; set; }
        public ETag ETag { get; set; }
        public string Targets { get; set; } = "{}";
    }
}
