using System.Globalization;
using System.Text.Json;
using Vrps.Runtime.Core;

namespace Vrps.Runtime.Storage;

internal sealed class PersistentState<TState> : IPersistentState<TState>, IStateLoader
    where TState : new()
{
    private readonly Activation activation;
    private readonly string name;

    public PersistentState(Activation activation, string name)
    {
        this.activation = activation;
        this.name = name;
    }

    public TState State { get; set; } = new();

    public long Version { get; private set; }

    public string? Etag => Version == 0 ? null : Version.ToString(CultureInfo.InvariantCulture);

    public bool RecordExists { get; private set; }

    public async Task ReadStateAsync()
    {
        activation.Runtime.Metrics.StateRead();
        var (payload, version) = await activation.Runtime.Committer.Store.ReadAsync(activation.Id, name).ConfigureAwait(false);
        State = payload is null ? new TState() : JsonSerializer.Deserialize<TState>(payload, RuntimeJson.Options) ?? new TState();
        RecordExists = payload is not null;
        Version = version;
    }

    public Task WriteStateAsync() => Stage(JsonSerializer.SerializeToUtf8Bytes(State, RuntimeJson.Options));

    public Task ClearStateAsync()
    {
        State = new TState();
        return Stage(null);
    }

    // The version moves at staging time so that the next write of a pipelined turn chains onto this one.
    private Task Stage(byte[]? payload)
    {
        var write = new StateWrite(activation.Id, name, Version, payload);
        Version++;
        RecordExists = payload is not null;
        return activation.Commit(write);
    }
}
