using Microsoft.Extensions.Options;

namespace VillageReports.Units;

/// <summary>Turns a bearer token into a <see cref="Caller"/>. The admin token comes from configuration.</summary>
public sealed class Authenticator(TokenStore tokens, IOptions<VillageReportsOptions> options)
{
    private readonly string? _adminHash = string.IsNullOrEmpty(options.Value.AdminToken) ? null : TokenStore.Hash(options.Value.AdminToken);

    public async Task<Caller> AuthenticateAsync(string? bearerToken, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(bearerToken) || bearerToken.Length > 256)
        {
            return Caller.Anonymous;
        }

        // Compare hashes in constant time so the response time says nothing about how much of the token matched.
        if (_adminHash is not null && TokenStore.FixedTimeEquals(TokenStore.Hash(bearerToken), _adminHash))
        {
            return Caller.Admin;
        }

        return await tokens.FindUnitAsync(bearerToken, cancellationToken) is { } unit
            ? Caller.ForUnit(unit)
            : Caller.Anonymous;
    }
}
