using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Vrps.Grains.Webhooks;

/// <summary>
/// Signing as the Standard Webhooks specification has it (https://www.standardwebhooks.com/), so receivers verify with
/// a published library in their language: <c>webhook-signature: v1,&lt;base64 HMAC-SHA256&gt;</c> over
/// "&lt;webhook-id&gt;.&lt;webhook-timestamp&gt;.&lt;body&gt;", keyed with the base64-decoded part of the
/// <c>whsec_&lt;base64&gt;</c> secret. The id and timestamp in the signed text let receivers refuse replays.
/// </summary>
internal static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    public const string Version = "v1";

    /// <summary>The spec allows 24 to 64 bytes; 32 is the size of the HMAC-SHA256 it keys.</summary>
    private const int SecretBytes = 32;

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBytes));

    /// <summary>
    /// The HMAC key. A secret issued before the Standard Webhooks format has no prefix and keeps its old key, its UTF-8
    /// bytes, so receivers holding it need not be given a new one; see README.
    /// </summary>
    public static byte[] Key(string secret) => secret.StartsWith(SecretPrefix, StringComparison.Ordinal)
        ? Convert.FromBase64String(secret[SecretPrefix.Length..])
        : Encoding.UTF8.GetBytes(secret);

    /// <summary>The <c>webhook-signature</c> header value.</summary>
    public static string Sign(string secret, string messageId, long timestamp, string body)
    {
        var signed = string.Create(CultureInfo.InvariantCulture, $"{messageId}.{timestamp}.{body}");
        var mac = HMACSHA256.HashData(Key(secret), Encoding.UTF8.GetBytes(signed));
        return $"{Version},{Convert.ToBase64String(mac)}";
    }
}
