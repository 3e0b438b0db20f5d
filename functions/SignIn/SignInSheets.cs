using Microsoft.Extensions.Logging;
using VillageReports.Units;

namespace VillageReports.SignIn;

/// <summary>
/// The town office's sign-in sheet: a fresh token for every active village (the old ones stop working), each on a
/// card with its link as a QR code. Made on request and never stored: only the tokens' hashes are kept.
/// </summary>
public sealed partial class SignInSheets(TokenStore tokens, TimeProvider clock, ILogger<SignInSheets> logger)
{
    public async Task<byte[]> IssueAsync(TownScope town, string origin, CancellationToken cancellationToken)
    {
        var cards = new List<SignInCard>();
        foreach (var village in town.Town.ActiveVillages.OrderBy(v => v.Code.Value, StringComparer.Ordinal))
        {
            await tokens.RevokeAllAsync(village.Code, cancellationToken);
            var token = await tokens.IssueAsync(village.Code, cancellationToken);
            cards.Add(new SignInCard(village.Name, $"{origin.TrimEnd('/')}/#token={token}"));
        }

        LogIssued(logger, town.Code, cards.Count, town.Caller.AuditName);
        return SignInSheetDocument.Render(town.Town.Name, cards, ChinaTime.Today(clock));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in sheet for {Town}: {Count} villages given fresh tokens by {By}; their old cards no longer work")]
    private static partial void LogIssued(ILogger logger, UnitCode town, int count, string by);
}
