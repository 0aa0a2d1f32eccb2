using System.Globalization;

namespace Vrps.Bench.OrleansStorage;

/// <summary>The grain code shared by the three grain types, which differ only in the storage provider they name.</summary>
internal abstract class StorageBenchGrain(IPersistentState<StorageBenchState> state) : Grain, IStorageBenchGrain
{
    public async Task<WriteAck> WriteAsync()
    {
        var next = state.State.Value + 1;
        state.State.Key = this.GetPrimaryKeyString();
        state.State.Value = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // The state in memory is now ahead of the stored one; a fresh activation rereads it.
            DeactivateOnIdle();
            throw;
        }

        return new WriteAck(next, long.Parse(state.Etag!, CultureInfo.InvariantCulture));
    }
}
