using System.Security.Cryptography;
using System.Text;

namespace VillageReports.Delivery;

/// <summary>How the county checks a notice came from us: an HMAC of the raw body under the shared secret.</summary>
public static class WebhookSignature
{
    public const string Header = "X-Signature";

    /// <summary><c>sha256=</c> and the hex HMAC-SHA256 of the raw body under the shared secret.</summary>
    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
