using System.Security.Cryptography;
using System.Text;

namespace Vrps.Api.Auth;

/// <summary>
/// Keys look like <c>vrps_{id:N}_{secret}</c>: the id finds the key's grain, the 256-bit secret proves possession.
/// Only the SHA-256 of the secret is stored; a slow hash is unnecessary for a random secret of that size.
/// </summary>
public static class ApiKeyToken
{
    private const string Prefix = "vrps_";

    public static (string Token, string SecretHash) Create(Guid keyId)
    {
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return ($"{Prefix}{keyId:N}_{secret}", Hash(secret));
    }

    public static bool TryParse(string token, out Guid keyId, out string secret)
    {
        keyId = Guid.Empty;
        secret = "";
        if (!token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length < Prefix.Length + 34 || token[Prefix.Length + 32] != '_')
        {
            return false;
        }

        secret = token[(Prefix.Length + 33)..];
        return Guid.TryParseExact(token.AsSpan(Prefix.Length, 32), "N", out keyId) && secret.Length > 0;
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool Matches(string secret, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(storedHash));
}
