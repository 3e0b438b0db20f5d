using Azure.Data.Tables;
using VillageReports.Storage;
using VillageReports.Tests.Support;

namespace VillageReports.Tests.Storage;

public class TableBatchTests : IAsyncLifetime
{
    private readonly string _prefix = TestStorage.NewPrefix();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestStorage.DeleteAsync(_prefix);

    private static TableTransactionAction Upsert(string partition, int row) =>
        new(TableTransactionActionType.UpsertReplace, new TableEntity(partition, row.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public async Task A_transaction_across_partitions_is_refused_before_anything_is_sent()
    {
        var table = await TestStorage.Resources().TableAsync(_prefix + "batch");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => TableBatch.SubmitAsync(table, [Upsert("a", 1), Upsert("b", 2)], default));

        Assert.Contains("2 partitions", error.Message, StringComparison.Ordinal);
        Assert.Empty(await table.QueryAsync<TableEntity>().ToListAsync());
    }

    [Fact]
    public async Task More_than_a_hundred_operations_go_as_several_transactions()
    {
        var table = await TestStorage.Resources().TableAsync(_prefix + "batch");

        await TableBatch.SubmitAsync(table, Enumerable.Range(1, 250).Select(i => Upsert("p", i)).ToList(), default);

        Assert.Equal(250, (await table.QueryAsync<TableEntity>().ToListAsync()).Count);
    }
}
