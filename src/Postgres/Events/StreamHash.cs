using System.Text;

namespace Vrps.Postgres.Events;

/// <summary>
/// The stable hash that assigns a stream to a queue, stored with each event so a queue's reader filters in SQL. FNV-1a
/// over UTF-8: it must never change between versions or silos, which rules out string.GetHashCode.
/// </summary>
internal static class StreamHash
{
    public static int Of(string streamNamespace, string streamKey)
    {
        var hash = 2166136261u;
        hash = Mix(hash, streamNamespace);
        hash = (hash ^ 0xFF) * 16777619u;
        hash = Mix(hash, streamKey);
        return (int)(hash & 0x7FFFFFFF);
    }

    private static uint Mix(uint hash, string text)
    {
        Span<byte> buffer = text.Length <= 256 ? stackalloc byte[Encoding.UTF8.GetMaxByteCount(text.Length)] : new byte[Encoding.UTF8.GetMaxByteCount(text.Length)];
        var length = Encoding.UTF8.GetBytes(text, buffer);
        foreach (var b in buffer[..length])
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }
}
