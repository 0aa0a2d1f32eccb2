using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Storage;
using Vrps.Postgres.Migrations;

namespace Vrps.Postgres.Storage;

/// <summary>
/// Orleans grain storage on Npgsql: json state keyed by the full grain id and state name, a bigint version as the
/// ETag, reads and writes of all activations coalesced into shared queries and transactions, and each write's staged effects committed in
/// the transaction that holds it.
/// </summary>
internal sealed class VrpsGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly string name;
    private readonly VrpsGrainStorageOptions options;
    private readonly NpgsqlDataSource dataSource;
    private readonly bool ownsDataSource;
    private readonly IGrainContextAccessor contextAccessor;
    private readonly ILoggerFactory loggerFactory;
    private readonly ILogger logger;
    private readonly GrainStateReader reader;
    private readonly GrainStorageCommitter committer;

    public VrpsGrainStorage(
        string name,
        VrpsGrainStorageOptions options,
        IGrainContextAccessor contextAccessor,
        IMeterFactory meterFactory,
        TimeProvider time,
        ILoggerFactory loggerFactory)
    {
        this.name = name;
        this.options = options;
        this.contextAccessor = contextAccessor;
        this.loggerFactory = loggerFactory;
        logger = loggerFactory.CreateLogger<VrpsGrainStorage>();
        ownsDataSource = options.DataSource is null;
        dataSource = options.DataSource ?? NpgsqlDataSource.Create(options.ConnectionString!);
        var metrics = new GrainStorageMetrics(meterFactory, name);
        reader = new GrainStateReader(name, dataSource, metrics, logger);
        committer = new GrainStorageCommitter(name, dataSource, options.MaxBatchSize, metrics, time, logger);
    }

    public static VrpsGrainStorage Create(IServiceProvider services, string name) => new(
        name,
        services.GetRequiredService<IOptionsMonitor<VrpsGrainStorageOptions>>().Get(name),
        services.GetRequiredService<IGrainContextAccessor>(),
        services.GetRequiredService<IMeterFactory>(),
        services.GetRequiredService<TimeProvider>(),
        services.GetRequiredService<ILoggerFactory>());

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe($"{nameof(VrpsGrainStorage)}-{name}", ServiceLifecycleStage.ApplicationServices, StartAsync, StopAsync);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (await reader.ReadAsync(KeyOf(grainId, stateName)).ConfigureAwait(false) is not { } row)
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        grainState.ETag = row.Version.ToString(CultureInfo.InvariantCulture);
        if (row.Payload is null)
        {
            // A tombstone: cleared, but its version stays so that ETags from before the clear never match again.
            grainState.RecordExists = false;
            return;
        }

        grainState.State = JsonSerializer.Deserialize<T>(row.Payload, options.JsonSerializerOptions)!;
        grainState.RecordExists = true;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        CommitAsync(stateName, grainId, grainState, JsonSerializer.Serialize(grainState.State, options.JsonSerializerOptions));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        CommitAsync<T>(stateName, grainId, grainState, payload: null);

    private async Task CommitAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, string? payload)
    {
        // Everything up to Enqueue runs synchronously in the calling grain's turn: the state is serialized as it is
        // now, and the effects drained are those of the activation that writes, never of another.
        var key = KeyOf(grainId, stateName);
        var expected = ParseETag(grainState.ETag, key);
        var context = contextAccessor.GrainContext is { } current && current.GrainId == grainId ? current : null;
        var effects = context?.GetComponent<StagedCommitEffects>()?.Drain() ?? [];
        var write = new StateWrite(key, expected, payload, effects);
        committer.Enqueue(write);
        var version = await CommittedAsync(write, grainId, context).ConfigureAwait(false);
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = payload is not null;
    }

    /// <summary>
    /// Commits the effects <paramref name="context"/>'s activation staged, without a state write: queued behind the
    /// activation's earlier writes, in a group-commit transaction like theirs. Called from the activation's turn, like
    /// a state write, so the effects drained are its own and in the order they were staged.
    /// </summary>
    public Task FlushCommitEffectsAsync(IGrainContext context)
    {
        var effects = context.GetComponent<StagedCommitEffects>()?.Drain() ?? [];
        if (effects.Count == 0)
        {
            return Task.CompletedTask;
        }

        var grainId = context.GrainId;
        var write = StateWrite.EffectsOnly(grainId.Type.ToString()!, grainId.Key.ToString()!, effects);
        committer.Enqueue(write);
        return CommittedAsync(write, grainId, context);
    }

    /// <summary>Whether any row (a state, or a tombstone) is stored for the grain's state.</summary>
    public async Task<bool> ExistsAsync(GrainId grainId, string stateName) =>
        await reader.ReadAsync(KeyOf(grainId, stateName)).ConfigureAwait(false) is not null;

    /// <summary>
    /// Writes the first state of a grain that has no activation, with <paramref name="effects"/>, in a group-commit
    /// transaction. Fails with <see cref="InconsistentStateException"/> when any row is stored for it already; no
    /// activation is deactivated, the caller decides what a failure means.
    /// </summary>
    public Task CreateAsync<T>(GrainId grainId, string stateName, T state, IReadOnlyList<ICommitEffect> effects)
    {
        var write = new StateWrite(KeyOf(grainId, stateName), expectedVersion: null, JsonSerializer.Serialize(state, options.JsonSerializerOptions), effects);
        committer.Enqueue(write);
        return write.Completion;
    }

    /// <summary>The first state of a grain made new for this write, as an effect of another grain's write (<see cref="NewGrainState"/>).</summary>
    public ICommitEffect NewState<T>(GrainId grainId, string stateName, T state, DateTimeOffset createdAt) =>
        new NewGrainState(KeyOf(grainId, stateName), JsonSerializer.Serialize(state, options.JsonSerializerOptions), createdAt);

    private async Task<long> CommittedAsync(StateWrite write, GrainId grainId, IGrainContext? context)
    {
        try
        {
            return await write.Completion.ConfigureAwait(false);
        }
        catch (GrainStorageWriteException) when (context is not null)
        {
            // Orleans deactivates on InconsistentStateException itself; for a failed transaction we do, so that no
            // in-memory state the store refused (nor state that assumed the lost effects) outlives this call.
            GrainStorageLog.Deactivating(logger, name, grainId);
            context.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationError, "Its state write failed."));
            throw;
        }
    }

    private static StateKey KeyOf(GrainId grainId, string stateName) => new(grainId.Type.ToString()!, grainId.Key.ToString()!, stateName);

    private static long? ParseETag(string? etag, StateKey key)
    {
        if (etag is null)
        {
            return null;
        }

        if (long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0)
        {
            return version;
        }

        throw new InconsistentStateException($"{key} carries ETag '{etag}', which this storage never issued.", storedEtag: "unknown", currentEtag: etag);
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.ApplyMigrations)
        {
            var runner = new MigrationRunner(dataSource, [GrainStorageMigrations.Set], loggerFactory.CreateLogger<MigrationRunner>());
            await runner.RunAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await committer.StopAsync().ConfigureAwait(false);
        await reader.StopAsync().ConfigureAwait(false);
        if (ownsDataSource)
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }
}
