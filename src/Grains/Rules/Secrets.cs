using System.Security.Cryptography;

namespace Vrps.Grains.Rules;

public static class Secrets
{
    // No 0/O/1/I: codes are read aloud and typed from paper.
    private const string CodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>A claim code a manager hands out: 8 characters, about 40 bits.</summary>
    public static string ClaimCode() => string.Create(8, 0, static (span, _) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)];
        }
    });

    /// <summary>The token of a group share link: 128 random bits, URL-safe.</summary>
    public static string ShareToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string NormalizeCode(string code) => code.Trim().ToUpperInvariant();
}
