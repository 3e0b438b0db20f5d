using Microsoft.Extensions.Options;
using VillageReports.Tests.Support;
using VillageReports.Units;

namespace VillageReports.Tests.Units;

public class TokenCacheTests
{
    private static readonly UnitCode Village = UnitCode.Parse("130123100201");
    private readonly FixedClock _clock = FixedClock.AtChinaTime(2026, 11, 3);

    private TokenCache Cache() => new(_clock, Options.Create(new VillageReportsOptions()));

    [Fact]
    public void A_verified_token_is_trusted_for_the_cache_duration_only()
    {
        var cache = Cache();
        cache.Remember("hash", Village, _clock.GetUtcNow());

        var now = cache.Find("hash");
        _clock.Now = _clock.Now.AddSeconds(61);

        Assert.Equal(Village, now);
        Assert.Null(cache.Find("hash"));
    }

    [Fact]
    public void A_token_read_before_its_revocation_is_not_remembered_after_it()
    {
        var cache = Cache();
        var readAt = _clock.GetUtcNow();
        _clock.Now = _clock.Now.AddMilliseconds(5);

        cache.ForgetUnit(Village);
        cache.Remember("hash", Village, readAt);

        Assert.Null(cache.Find("hash"));
    }
}
