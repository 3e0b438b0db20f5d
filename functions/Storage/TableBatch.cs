using Azure.Data.Tables;

namespace VillageReports.Storage;

/// <summary>
/// Entity-group transactions within the real service's limits, which Azurite does not enforce: one partition per
/// transaction and at most 100 operations (larger sets go as several transactions, each atomic on its own).
/// </summary>
public static class TableBatch
{
    public const int MaxOperations = 100;

    public static async Task SubmitAsync(TableClient table, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        var partitions = actions.Select(a => a.Entity.PartitionKey).Distinct(StringComparer.Ordinal).Count();
        if (partitions > 1)
        {
            throw new ArgumentException($"A table transaction spans {partitions} partitions; Azure Tables allows one.", nameof(actions));
        }

        foreach (var chunk in actions.Chunk(MaxOperations))
        {
            await table.SubmitTransactionAsync(chunk, cancellationToken);
        }
    }
}
