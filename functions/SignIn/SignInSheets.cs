using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VillageReports.Delivery;
using VillageReports.Units;

namespace VillageReports.SignIn;

/// <summary>
/// The town office's sign-in sheet: a fresh token for every active village (the old ones stop working), each on a
/// card with its link as a QR code. Made on request and never stored: only the tokens' hashes are kept.
/// </summary>
public sealed partial class SignInSheets(TokenStore tokens, TimeProvider clock, IOptions<DeliveryOptions> delivery, ILogger<SignInSheets> logger)
{
    /// <param name="requestOrigin">Where the request came in: used only when no public address is configured (locally).</param>
    public async Task<byte[]> IssueAsync(TownScope town, string requestOrigin, CancellationToken cancellationToken)
    {
        // Behind Azure's front end the request's own scheme and host may be internal, and a client sets the Host
        // header: the printed links use the configured public address when there is one.
        var origin = delivery.Value.PublicBaseUrl is { Length: > 0 } configured ? configured : requestOrigin;
        var villages = town.Town.ActiveVillages.OrderBy(v => v.Code.Value, StringComparer.Ordinal).ToList();

        // Every new token first, then the sheet, and only then the old tokens go: a failure half-way leaves every
        // village with a card that works.
        var issued = new List<(Village Village, string Token)>();
        foreach (var village in villages)
        {
            issued.Add((village, await tokens.IssueAsync(village.Code, cancellationToken)));
        }

        var sheet = SignInSheetDocument.Render(town.Town.Name, issued.Select(i => new SignInCard(i.Village.Name, $"{origin.TrimEnd('/')}/#token={i.Token}")).ToList(), ChinaTime.Today(clock));
        foreach (var (village, token) in issued)
        {
            await tokens.RevokeAllExceptAsync(village.Code, token, cancellationToken);
        }

        LogIssued(logger, town.Code, issued.Count, town.Caller.AuditName);
        return sheet;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in sheet for {Town}: {Count} villages given fresh tokens by {By}; their old cards no longer work")]
    private static partial void LogIssued(ILogger logger, UnitCode town, int count, string by);
}
