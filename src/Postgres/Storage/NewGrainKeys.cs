using System.Collections.Concurrent;

namespace Vrps.Postgres.Storage;

/// <summary>
/// Keys this silo has just minted for grains that cannot have stored state yet (a random <see cref="Guid"/> never
/// written by anyone). The first activation of such a grain on this silo then loads "nothing stored" without asking
/// Postgres: a claim mints its pass and a new person's record this way, and each read saved is a query and a wait in
/// the activation's path. Only the first read of a key is answered here; any later one, or one on another silo, reads
/// Postgres as usual, so a hint is never trusted after the grain could have written.
/// </summary>
public sealed class NewGrainKeys
{
    /// <summary>Keys minted but never activated here (a claim refused first) are forgotten in bulk past this many.</summary>
    private const int MaxRemembered = 65_536;

    private readonly ConcurrentDictionary<Guid, byte> minted = new();

    /// <summary>A new random key, remembered until its grain's first state read here.</summary>
    public Guid Mint()
    {
        var key = Guid.NewGuid();
        if (minted.Count >= MaxRemembered)
        {
            minted.Clear();
        }

        minted.TryAdd(key, 0);
        return key;
    }

    /// <summary>Drops a key that will not be activated (its claim was refused).</summary>
    public void Forget(Guid key) => minted.TryRemove(key, out _);

    /// <summary>True once for a key minted here: its grain has no stored state.</summary>
    internal bool TryTakeFirstRead(GrainId grainId) =>
        grainId.TryGetGuidKey(out var key, out var extension) && extension is null && minted.TryRemove(key, out _);
}
