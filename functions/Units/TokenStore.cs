using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using VillageReports.Storage;

namespace VillageReports.Units;

/// <summary>
/// Unit tokens: 256 random bits, handed out once, stored only as a SHA-256 hash. The token names its unit
/// (<c>vr1.{unit}.{secret}</c>) so a check is one point read, never a scan.
/// </summary>
public sealed class TokenStore(StorageResources storage, StorageNames names, TokenCache cache, TimeProvider clock)
{
    private const string Scheme = "vr1";

    public async Task<string> IssueAsync(UnitCode unit, CancellationToken cancellationToken)
    {
        var token = $"{Scheme}.{unit.Value}.{Base64Url(RandomNumberGenerator.GetBytes(32))}";
        var table = await storage.TableAsync(names.TokensTable);
        await table.AddEntityAsync(new TokenEntity
        {
            PartitionKey = StorageKeys.TokenPartition(unit),
            RowKey = StorageKeys.TokenRow(Hash(token)),
            IssuedAt = clock.GetUtcNow(),
        }, cancellationToken);
        return token;
    }

    /// <summary>Revokes every token of the unit; answers how many there were.</summary>
    public Task<int> RevokeAllAsync(UnitCode unit, CancellationToken cancellationToken) => RevokeAllExceptAsync(unit, null, cancellationToken);

    /// <summary>Revokes every token of the unit but <paramref name="keep"/> (one just issued); answers how many went.</summary>
    public async Task<int> RevokeAllExceptAsync(UnitCode unit, string? keep, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(names.TokensTable);
        var partition = StorageKeys.TokenPartition(unit);
        var kept = keep is null ? null : StorageKeys.TokenRow(Hash(keep));
        var rows = (await table.QueryAsync<TokenEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken)
            .ToListAsync(cancellationToken)).Where(r => r.RowKey != kept).ToList();
        await TableBatch.SubmitAsync(table, rows.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)).ToList(), cancellationToken);
        cache.ForgetUnit(unit);

        return rows.Count;
    }

    /// <summary>The unit a presented token belongs to, or null when it is malformed, unknown or revoked.</summary>
    public async Task<UnitCode?> FindUnitAsync(string token, CancellationToken cancellationToken)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[0] != Scheme || !UnitCode.TryParse(parts[1], out var unit) || parts[2].Length != 43)
        {
            return null;
        }

        var hash = Hash(token);
        if (cache.Find(hash) is { } known)
        {
            return known;
        }

        var readAt = clock.GetUtcNow();
        var table = await storage.TableAsync(names.TokensTable);
        var row = await table.GetEntityIfExistsAsync<TokenEntity>(StorageKeys.TokenPartition(unit), StorageKeys.TokenRow(hash), cancellationToken: cancellationToken);

        // The point read already matched the hash; comparing again in constant time keeps the check honest
        // should the lookup ever become a range or prefix query.
        if (row.HasValue && row.Value is { } entity && FixedTimeEquals(entity.RowKey, hash))
        {
            cache.Remember(hash, unit, readAt);
            return unit;
        }

        return null;
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed class TokenEntity : ITableEntity
    {
        public string PartitionKey { get; set; } = "";
        public string RowKey { get; set; } = "";
        public DateTimeOffset? Timestamp { get; set; }
        public ETag ETag { get; set; }
        public DateTimeOffset IssuedAt { get; set; }
    }
}
