using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VillageReports.Catalog;
using VillageReports.Local;
using VillageReports.Submissions;
using VillageReports.Units;

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

    /// <summary>A town's code and its villages' (numbered from 201, as the demo's are).</summary>
    public static (string Town, List<string> Villages) Town(int index, int villages)
    {
        var town = $"130123{100 + index:D3}000";
        return (town, Enumerable.Range(1, villages).Select(v => town[..9] + (200 + v).ToString("D3", CultureInfo.InvariantCulture)).ToList());
    }
}
