using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VillageReports.Catalog;
using VillageReports.Local;
using VillageReports.Storage;
using VillageReports.Submissions;

namespace VillageReports.Benchmarks;

/// <summary>
/// Seeds figures straight through <see cref="SubmissionStore"/>: the same current and revision rows a PUT writes
/// (values, late mark, first revision), without HTTP, tokens or the warnings check, so a county can be seeded in seconds.
/// </summary>
public static class StoreSeed
{
    public static async Task<int> SeedAsync(IServiceProvider services, IEnumerable<(string Code, UnitLevel Level)> units, IReadOnlyList<Period> months, int parallelism = 16)
    {
        var store = services.GetRequiredService<SubmissionStore>();
        var catalog = services.GetRequiredService<ElementCatalog>();
        var dueDay = services.GetRequiredService<IOptions<VillageReportsOptions>>().Value.DueDay;
        var work = units.SelectMany(u => months.Select(m => (u.Code, u.Level, Period: m))).ToList();
        var refused = 0;
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (item, ct) =>
        {
            var now = DateTimeOffset.UtcNow;
            var submission = new Submission(UnitCode.Parse(item.Code), item.Period, 1, DemoTown.Figures(catalog, item.Code, item.Level, item.Period),
                null, null, now, "admin", item.Period.IsLate(now, dueDay), []);
            if (!await store.TrySaveAsync(submission, null, now, ct))
            {
                Interlocked.Increment(ref refused);
            }
        });
        return work.Count - refused;
    }

    /// <summary>
    /// The same rows as <see cref="SeedAsync"/> (a current row and revision 1 per month, property for property as
    /// SubmissionStore writes them), a unit's months in one transaction: a county of 2,000 villages in seconds. One unit
    /// is read back through <see cref="SubmissionStore"/> and compared, so the rows are known to be the store's own.
    /// </summary>
    public static async Task<int> SeedInBatchesAsync(IServiceProvider services, IReadOnlyList<(string Code, UnitLevel Level)> units, IReadOnlyList<Period> months, int parallelism = 8)
    {
        var catalog = services.GetRequiredService<ElementCatalog>();
        var dueDay = services.GetRequiredService<IOptions<VillageReportsOptions>>().Value.DueDay;
        var table = await services.GetRequiredService<StorageResources>().TableAsync(services.GetRequiredService<StorageNames>().SubmissionsTable);
        var now = DateTimeOffset.UtcNow;
        await Parallel.ForEachAsync(units, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (unit, ct) =>
        {
            // Upserts: a batch the client retried after a timeout may have been stored the first time.
            var actions = months.SelectMany(period =>
            {
                TableEntity Row(string rowKey) => new(unit.Code, rowKey)
                {
                    ["Revision"] = 1,
                    ["Values"] = FigureCodec.Encode(DemoTown.Figures(catalog, unit.Code, unit.Level, period)),
                    ["SubmittedAt"] = now,
                    ["FirstSubmittedAt"] = now,
                    ["SubmittedBy"] = "admin",
                    ["Late"] = period.IsLate(now, dueDay),
                    ["Warnings"] = "[]",
                };
                return new[] { new TableTransactionAction(TableTransactionActionType.UpsertReplace, Row(StorageKeys.CurrentRow(period))), new TableTransactionAction(TableTransactionActionType.UpsertReplace, Row(StorageKeys.RevisionRow(period, 1))) };
            }).ToList();
            await TableBatch.SubmitAsync(table, actions, ct);
        });

        var store = services.GetRequiredService<SubmissionStore>();
        var (code, level) = units[^1];
        var read = (await Task.WhenAll(months.Select(m => store.GetCurrentAsync(UnitCode.Parse(code), m, default)))).OfType<StoredSubmission>().Select(s => s.Submission).ToList();
        var revisions = await store.GetRevisionsAsync(UnitCode.Parse(code), months[^1], default);
        if (read.Count != months.Count || revisions.Count != 1
            || read.Any(s => FigureCodec.Encode(s.Values) != FigureCodec.Encode(DemoTown.Figures(catalog, code, level, s.Period)) || s.Revision != 1 || s.SubmittedBy != "admin"))
        {
            throw new InvalidOperationException("The seeded rows do not read back through SubmissionStore as the store's own.");
        }

        return units.Count * months.Count;
    }

    /// <summary>A town's code and its villages' (numbered from 201, as the demo's are).</summary>
    public static (string Town, List<string> Villages) Town(int index, int villages)
    {
        var town = $"130123{100 + index:D3}000";
        return (town, Enumerable.Range(1, villages).Select(v => town[..9] + (200 + v).ToString("D3", CultureInfo.InvariantCulture)).ToList());
    }
}
