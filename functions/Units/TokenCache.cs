using Microsoft.Extensions.Options;
using VillageReports.Storage;

namespace VillageReports.Units;

/// <summary>
/// Verified unit tokens, remembered by hash for a short while, so a village keeps working (the catalog, its form)
/// while storage is briefly down and a busy form does not read the tokens table on every request. A revocation in
/// this instance takes effect at once; in another instance within <see cref="VillageReportsOptions.TokenCacheDuration"/>.
/// Unknown tokens are never remembered: a token just issued works at once.
/// </summary>
public sealed class TokenCache(TimeProvider clock, IOptions<VillageReportsOptions> options)
{
    private readonly ReadCache<string, UnitCode, UnitCode> _verified = new(clock, options.Value.TokenCacheDuration, unit => unit);

    public UnitCode? Find(string tokenHash) => _verified.TryFind(tokenHash, out var unit) ? unit : null;

    /// <param name="readAt">When the token was read from storage: a revocation since then wins.</param>
    public void Remember(string tokenHash, UnitCode unit, DateTimeOffset readAt) => _verified.Remember(tokenHash, unit, readAt);

    public void ForgetUnit(UnitCode unit) => _verified.ForgetGroup(unit);
}
