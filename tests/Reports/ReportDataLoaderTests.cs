using VillageReports.Catalog;
using VillageReports.Reports;
using VillageReports.Storage;
using VillageReports.Submissions;
using VillageReports.Targets;
using VillageReports.Tests.Support;
using VillageReports.Units;

namespace VillageReports.Tests.Reports;

/// <summary>
/// The loader reads a town in one query across its units' partitions; it must answer exactly what reading unit by
/// unit answered, whatever else lies in or next to the key range.
/// </summary>
public class ReportDataLoaderTests : IAsyncLifetime
{
    private static readonly Period From = new(2025, 1), Through = new(2026, 10);
    private static readonly UnitCode Town = UnitCode.Parse("130123101000");
    private static readonly UnitCode A = UnitCode.Parse("130123101201"), B = UnitCode.Parse("130123101202");
    private static readonly UnitCode Dropped = UnitCode.Parse("130123101203");
    private static readonly UnitCode Unregistered = UnitCode.Parse("130123101999");
    private static readonly UnitCode Before = UnitCode.Parse("130123100999"), NextTown = UnitCode.Parse("130123102000"), NextVillage = UnitCode.Parse("130123102001");
    private static readonly Town Registered = new(Town, "白塔镇", Town.County, [new Village(A, "甲村"), new Village(B, "乙村"), new Village(Dropped, "丙村", Active: false)]);

    private readonly string _prefix = TestStorage.NewPrefix();
    private readonly SubmissionStore _submissions;
    private readonly TargetStore _targets;
    private readonly ReportDataLoader _loader;

    public ReportDataLoaderTests()
    {
        var (resources, names) = (TestStorage.Resources(), TestStorage.Names(_prefix));
        _submissions = new SubmissionStore(resources, names, new ReportRowsCache());
        _targets = new TargetStore(resources, names);
        _loader = new ReportDataLoader(_submissions, _targets);
    }

    public async Task InitializeAsync()
    {
        // Every unit in and next to the town's key range posts in the span, and just outside it.
        foreach (var unit in new[] { Town, A, B, Dropped, Unregistered, Before, NextTown, NextVillage })
        {
            foreach (var period in new[] { new Period(2024, 12), From, new Period(2026, 9), Through, new Period(2026, 11) })
            {
                await SaveAsync(unit, period, 1, 10m, reason: null, by: unit.Value);
            }
        }

        // A's October: amended by the office after the lock, then changed by the village with a note (not an amendment).
        await SaveAsync(A, Through, 2, 11m, "报错了", "admin");
        await SaveAsync(A, Through, 3, 12m, "补充说明", A.Value);
        // The office's own September, posted with a reason (its own change counts as an amendment).
        await SaveAsync(Town, new Period(2026, 9), 2, 13m, "更正税收", Town.Value);
        // B's first posting of a month carried a reason: revised once only, so no history is read for it.
        await SaveAsync(B, new Period(2026, 6), 1, 5m, "迟报", "admin");
        // Amendments nobody in this report may see: a dropped village, a village not in the town, the neighbours, outside the span.
        foreach (var unit in new[] { Dropped, Unregistered, Before, NextTown, NextVillage })
        {
            await SaveAsync(unit, Through, 2, 99m, "邻居", "admin");
        }

        await SaveAsync(A, new Period(2026, 11), 2, 99m, "下月", "admin");
        await SaveAsync(A, new Period(2024, 12), 2, 99m, "上年以前", "admin");
        await _targets.SaveAsync(Town, 2026, new Dictionary<string, decimal> { ["finance.tax_revenue"] = 4600m }, default);
        await _targets.SaveAsync(NextTown, 2026, new Dictionary<string, decimal> { ["finance.tax_revenue"] = 1m }, default);
    }

    public Task DisposeAsync() => TestStorage.DeleteAsync(_prefix);

    [Fact]
    public async Task The_town_is_read_as_unit_by_unit_reading_read_it()
    {
        var perUnit = await LoadUnitByUnitAsync(Registered, From, Through, 2026);

        var townWide = await _loader.LoadAsync(Registered, From, Through, 2026, default);

        Assert.Equal(Describe(perUnit), Describe(townWide));
        Assert.Equal(InputsHash.Compute(ReportPeriod.Month(Through), ElementCatalog.LoadEmbedded(), perUnit, 5),
            InputsHash.Compute(ReportPeriod.Month(Through), ElementCatalog.LoadEmbedded(), townWide, 5));
    }

    [Fact]
    public async Task Only_the_expected_units_months_in_the_span_are_read()
    {
        var data = await _loader.LoadAsync(Registered, From, Through, 2026, default);

        Assert.Equal([Town.Value, A.Value, B.Value], data.Current.Keys.Select(k => k.Unit.Value).Distinct().Order(StringComparer.Ordinal).ToList());
        Assert.Equal([From, new Period(2026, 6), new Period(2026, 9), Through], data.Current.Keys.Select(k => k.Period).Distinct().Order().ToList());
        Assert.Equal(3 * 3 + 1, data.Current.Count);
        Assert.Equal(12m, data.Find(A, Through)!.Values["roads.new_km"]);
        Assert.Equal(4600m, data.Targets["finance.tax_revenue"]);
    }

    [Fact]
    public async Task Amendments_are_the_offices_changes_of_revised_months_in_the_span()
    {
        var data = await _loader.LoadAsync(Registered, From, Through, 2026, default);

        Assert.Equal([(Town, new Period(2026, 9), 2, "更正税收"), (A, Through, 2, "报错了")],
            data.Amendments.OrderBy(a => a.Unit.Value, StringComparer.Ordinal).Select(a => (a.Unit, a.Period, a.Revision, a.Reason!)).ToList());
    }

    [Fact]
    public async Task A_village_dropped_from_the_town_is_left_out_but_read_again_once_restored()
    {
        var restored = Registered with { Villages = [.. Registered.Villages.Select(v => v with { Active = true })] };

        var data = await _loader.LoadAsync(restored, From, Through, 2026, default);

        Assert.Equal(99m, data.Find(Dropped, Through)!.Values["roads.new_km"]);
        Assert.Contains(data.Amendments, a => a.Unit == Dropped && a.Reason == "邻居");
        Assert.Equal(Describe(await LoadUnitByUnitAsync(restored, From, Through, 2026)), Describe(data));
    }

    [Fact]
    public async Task The_first_town_of_a_county_reads_only_its_own_units()
    {
        var first = UnitCode.Parse("130123001000");
        var village = UnitCode.Parse("130123001201");
        await SaveAsync(first, Through, 1, 1m, null, first.Value);
        await SaveAsync(village, Through, 1, 2m, null, village.Value);
        var town = new Town(first, "城关镇", first.County, [new Village(village, "东村")]);

        var data = await _loader.LoadAsync(town, From, Through, 2026, default);

        Assert.Equal([$"{first} {Through}", $"{village} {Through}"], data.Current.Keys.Select(k => $"{k.Unit} {k.Period}").Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>The loader's answer the slow way, unit by unit: a point read per unit and month and a history per revised month.</summary>
    private async Task<ReportData> LoadUnitByUnitAsync(Town town, Period from, Period through, int targetYear)
    {
        var stored = await Task.WhenAll(town.ExpectedUnits.SelectMany(u => from.Through(through).Select(p => _submissions.GetCurrentAsync(u.Code, p, default))));
        var current = stored.OfType<StoredSubmission>().Select(s => s.Submission).ToDictionary(s => (s.Unit, s.Period));
        var revised = current.Values.Where(s => s.Revision > 1).ToList();
        var histories = await Task.WhenAll(revised.Select(s => _submissions.GetRevisionsAsync(s.Unit, s.Period, default)));
        var amendments = histories.SelectMany(h => h).Where(r => r.IsAmendment).ToList();
        return new ReportData(town, current, await _targets.GetAsync(town.Code, targetYear, default), amendments);
    }

    /// <summary>Everything in the data, in a fixed order, as text: records holding dictionaries do not compare by content.</summary>
    private static List<string> Describe(ReportData data) =>
    [
        $"town {data.Town}",
        .. data.Current.OrderBy(kv => kv.Key.Unit.Value, StringComparer.Ordinal).ThenBy(kv => kv.Key.Period).Select(kv => $"current {kv.Key} {Describe(kv.Value)}"),
        .. data.Amendments.OrderBy(a => a.Unit.Value, StringComparer.Ordinal).ThenBy(a => a.Period).ThenBy(a => a.Revision).Select(a => $"amendment {Describe(a)}"),
        $"targets {FigureCodec.Encode(data.Targets)}",
    ];

    private static string Describe(Submission s) =>
        $"{s.Unit} {s.Period} r{s.Revision} {FigureCodec.Encode(s.Values)} {s.Comment} {s.Reason} {s.SubmittedAt:O} {s.SubmittedBy} {s.Late} {s.Warnings.Count}";

    private async Task SaveAsync(UnitCode unit, Period period, int revision, decimal value, string? reason, string by)
    {
        var current = revision == 1 ? null : await _submissions.GetCurrentAsync(unit, period, default);
        var submission = new Submission(unit, period, revision, new Dictionary<string, decimal> { ["roads.new_km"] = value }, "c" + revision, reason,
            DateTimeOffset.UnixEpoch.AddDays(revision), by, revision == 1 && period.Month == 6, []);
        Assert.True(await _submissions.TrySaveAsync(submission, current, DateTimeOffset.UnixEpoch, default));
    }
}
