using Microsoft.Extensions.Options;
using VillageReports.Tests.Support;
using VillageReports.Units;

namespace VillageReports.Tests.Units;

public class UnitCacheTests : IAsyncLifetime
{
    private static readonly UnitCode TownCode = UnitCode.Parse("130123100000");
    private static readonly UnitCode Village = UnitCode.Parse("130123100201");
    private readonly string _prefix = TestStorage.NewPrefix();
    private readonly FixedClock _clock = FixedClock.AtChinaTime(2026, 11, 3);
    private readonly UnitStore _store;
    private readonly UnitCache _cache;

    public UnitCacheTests()
    {
        _store = new UnitStore(TestStorage.Resources(), TestStorage.Names(_prefix));
        _cache = new UnitCache(_store, _clock, Options.Create(new VillageReportsOptions()));
    }

    public Task InitializeAsync() => SaveTownAsync("东关村");

    public Task DisposeAsync() => TestStorage.DeleteAsync(_prefix);

    [Fact]
    public async Task A_unit_once_read_is_answered_without_storage_for_the_cache_duration()
    {
        await _cache.FindUnitAsync(Village, default);
        await SaveTownAsync("新东关村");

        var cached = await _cache.FindUnitAsync(Village, default);
        _clock.Now = _clock.Now.AddSeconds(61);
        var expired = await _cache.FindUnitAsync(Village, default);

        Assert.Equal("东关村", cached!.Name);
        Assert.Equal("新东关村", expired!.Name);
    }

    [Fact]
    public async Task Forgetting_the_town_answers_its_saved_units_at_once()
    {
        await _cache.FindUnitAsync(Village, default);
        await SaveTownAsync("新东关村");

        _cache.ForgetTown(TownCode);

        Assert.Equal("新东关村", (await _cache.FindUnitAsync(Village, default))!.Name);
    }

    [Fact]
    public async Task An_unknown_unit_is_not_remembered_so_a_village_added_later_is_found_at_once()
    {
        var other = UnitCode.Parse("130123100299");
        var before = await _cache.FindUnitAsync(other, default);

        await _store.SaveAsync(new Town(TownCode, "青山镇", TownCode.County, [new Village(Village, "东关村"), new Village(other, "新村")]), default);

        Assert.Null(before);
        Assert.Equal("新村", (await _cache.FindUnitAsync(other, default))!.Name);
    }

    private async Task SaveTownAsync(string villageName) =>
        await _store.SaveAsync(new Town(TownCode, "青山镇", TownCode.County, [new Village(Village, villageName)]), default);
}
