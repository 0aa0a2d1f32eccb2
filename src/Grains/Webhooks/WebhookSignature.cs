using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Vrps.Grains.Webhooks;

/// <summary>
/// Signing of deliveries: <c>Vrps-Signature: v1=&lt;hex HMAC-SHA256&gt;</c>, keyed with the secret exactly as it was
/// shown (its UTF-8 bytes), over "&lt;Vrps-Timestamp&gt;.&lt;body&gt;". The timestamp in the signed text lets
/// receivers refuse replays of old deliveries.
/// </summary>
internal static class WebhookSignature
{
    public const string Version = "v1";

    public static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Sign(string secret, string timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return $"{Version}={Convert.ToHexStringLower(mac)}";
    }
}
