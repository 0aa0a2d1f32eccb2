using System.Security.Cryptography;
using System.Text;

namespace Vrps.Grains.Rules;

/// <summary>
/// Ids derived from a name (a version-5-style UUID over SHA-256): the same name always gives the same id, which is
/// how a retried request names the record its first attempt made instead of making a second one.
/// </summary>
public static class NameBasedIds
{
    public static Guid From(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16));
    }
}
