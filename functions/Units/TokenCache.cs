using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace VillageReports.Units;

/// <summary>
/// Verified unit tokens, remembered by hash for a short while, so a village keeps working (the catalog, its form)
/// while storage is briefly down and a busy form does not read the tokens table on every request. A revocation in
/// this instance takes effect at once; in another instance within <see cref="VillageReportsOptions.TokenCacheDuration"/>.
/// Unknown tokens are never remembered: a token just issued works at once.
/// </summary>
public sealed class TokenCache(TimeProvider clock, IOptions<VillageReportsOptions> options)
{
    // A bound on memory whatever the traffic: past it, the cache starts again empty.
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (UnitCode Unit, DateTimeOffset Until)> _verified = new(StringComparer.Ordinal);

    // When each unit's tokens were last revoked here: a read that began before that must not be remembered.
    private readonly ConcurrentDictionary<UnitCode, DateTimeOffset> _revoked = new();

    public UnitCode? Find(string tokenHash) =>
        _verified.TryGetValue(tokenHash, out var entry) && entry.Until > clock.GetUtcNow() ? entry.Unit : null;

    /// <param name="readAt">When the token was read from storage: a revocation since then wins.</param>
    public void Remember(string tokenHash, UnitCode unit, DateTimeOffset readAt)
    {
        var duration = options.Value.TokenCacheDuration;
        if (duration <= TimeSpan.Zero || (_revoked.TryGetValue(unit, out var revokedAt) && revokedAt >= readAt))
        {
            return;
        }

        if (_verified.Count >= MaxEntries)
        {
            _verified.Clear();
        }

        _verified[tokenHash] = (unit, clock.GetUtcNow() + duration);
    }

    public void ForgetUnit(UnitCode unit)
    {
        _revoked[unit] = clock.GetUtcNow();
        foreach (var (hash, entry) in _verified)
        {
            if (entry.Unit == unit)
            {
                _verified.TryRemove(hash, out _);
            }
        }
    }
}
