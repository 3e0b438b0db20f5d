using Azure;
using Azure.Data.Tables;
using VillageReports.Storage;

namespace VillageReports.Units;

/// <summary>Towns and their villages in the units table: one partition per town, one row per unit.</summary>
public sealed class UnitStore(StorageResources storage, StorageNames names)
{
    /// <summary>
    /// Writes the town and every village in one batch; villages no longer listed stay, marked inactive, so their
    /// history is kept. Answers whether the town is new.
    /// </summary>
    public async Task<bool> SaveAsync(Town town, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(names.UnitsTable);
        var partition = StorageKeys.UnitPartition(town.Code);
        var existing = await table.QueryAsync<UnitEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken)
            .ToListAsync(cancellationToken);

        var listed = town.Villages.Select(v => v.Code.Value).ToHashSet(StringComparer.Ordinal);
        var rows = new List<UnitEntity> { UnitEntity.ForTown(town) };
        rows.AddRange(town.Villages.Select(v => UnitEntity.ForVillage(v, town.Code)));
        rows.AddRange(existing
            .Where(e => e.Level == nameof(UnitLevel.Village) && !listed.Contains(e.RowKey))
            .Select(e => e with { Active = false }));

        await TableBatch.SubmitAsync(table, rows.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)).ToList(), cancellationToken);
        return !existing.Any(e => e.RowKey == town.Code.Value);
    }

    public async Task<Town?> FindTownAsync(UnitCode town, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(names.UnitsTable);
        var partition = StorageKeys.UnitPartition(town);
        var rows = await table.QueryAsync<UnitEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken)
            .ToListAsync(cancellationToken);
        var head = rows.FirstOrDefault(r => r.RowKey == town.Value && r.Level == nameof(UnitLevel.Town));
        return head is null ? null : ToTown(head, rows);
    }

    public async Task<ReportingUnit?> FindUnitAsync(UnitCode unit, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(names.UnitsTable);
        var row = await table.GetEntityIfExistsAsync<UnitEntity>(StorageKeys.UnitPartition(unit), StorageKeys.UnitRow(unit), cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity
            ? new ReportingUnit(unit, entity.Name, Enum.Parse<UnitLevel>(entity.Level), entity.Active)
            : null;
    }

    public async Task<IReadOnlyList<Town>> ListTownsAsync(CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(names.UnitsTable);
        var rows = await table.QueryAsync<UnitEntity>(cancellationToken: cancellationToken).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal)
            .Select(g => g.FirstOrDefault(r => r.Level == nameof(UnitLevel.Town)) is { } head ? ToTown(head, g) : null)
            .OfType<Town>()
            .OrderBy(t => t.Code.Value, StringComparer.Ordinal)
            .ToList();
    }

    private static Town ToTown(UnitEntity head, IEnumerable<UnitEntity> rows) =>
        new(UnitCode.Parse(head.RowKey), head.Name, UnitCode.Parse(head.County),
            rows.Where(r => r.Level == nameof(UnitLevel.Village))
                .OrderBy(r => r.RowKey, StringComparer.Ordinal)
                .Select(r => new Village(UnitCode.Parse(r.RowKey), r.Name, r.Active))
                .ToList(),
            head.RequireApproval);

    private sealed record UnitEntity : ITableEntity
    {
        public string PartitionKey { get; set; } = "";
        public string RowKey { get; set; } = "";
        public DateTimeOffset? Timestamp { get; set; }
        public ETag ETag { get; set; }
        public string Name { get; set; } = "";
        public string Level { get; set; } = "";
        public string County { get; set; } = "";
        public bool Active { get; set; } = true;
        public bool RequireApproval { get; set; }

        public static UnitEntity ForTown(Town town) => new()
        {
            PartitionKey = StorageKeys.UnitPartition(town.Code),
            RowKey = StorageKeys.UnitRow(town.Code),
            Name = town.Name,
            Level = nameof(UnitLevel.Town),
            County = town.County.Value,
            RequireApproval = town.RequireApproval,
        };

        public static UnitEntity ForVillage(Village village, UnitCode town) => new()
        {
            PartitionKey = StorageKeys.UnitPartition(village.Code),
            RowKey = StorageKeys.UnitRow(village.Code),
            Name = village.Name,
            Level = nameof(UnitLevel.Village),
            County = town.County.Value,
            Active = village.Active,
        };
    }
}
