using Npgsql;
using NpgsqlTypes;

namespace Vrps.Postgres.Storage;

/// <summary>
/// The first state of another grain, written as an effect of the writing grain's next state write: in the same
/// transaction, or not at all. Only for a grain whose id was made new for this write (a random <see cref="Guid"/>
/// nobody else has seen), so no row can exist for it; were one stored, it is kept and this write is dropped.
/// </summary>
internal sealed class NewGrainState(StateKey key, string payload, DateTimeOffset createdAt) : ICombinableCommitEffect
{
    public StateKey Key { get; } = key;

    public string Payload { get; } = payload;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public ICommitEffectCombiner Combiner => NewGrainStates.Instance;

    public void AddTo(NpgsqlBatch batch) => NewGrainStates.Instance.AddAll([this], batch);
}

/// <summary>A transaction's new grain states as one INSERT.</summary>
internal sealed class NewGrainStates : ICommitEffectCombiner
{
    public static readonly NewGrainStates Instance = new();

    private const string InsertAll = """
        INSERT INTO grain_storage (grain_type, grain_key, state_name, version, payload, updated_at)
        SELECT u.grain_type, u.grain_key, u.state_name, 1, u.payload::json, u.created_at
          FROM unnest(@types, @keys, @names, @payloads, @created) AS u(grain_type, grain_key, state_name, payload, created_at)
        ON CONFLICT DO NOTHING
        """;

    private NewGrainStates()
    {
    }

    public int Order => 0;

    public void AddAll(IReadOnlyList<ICommitEffect> effects, NpgsqlBatch batch)
    {
        ArgumentNullException.ThrowIfNull(effects);
        ArgumentNullException.ThrowIfNull(batch);
        if (effects.Count == 0)
        {
            return;
        }

        var states = effects.Cast<NewGrainState>().ToList();
        var insert = new NpgsqlBatchCommand(InsertAll);
        insert.Parameters.AddWithValue("types", states.Select(static s => s.Key.GrainType).ToArray());
        insert.Parameters.AddWithValue("keys", states.Select(static s => s.Key.GrainKey).ToArray());
        insert.Parameters.AddWithValue("names", states.Select(static s => s.Key.StateName).ToArray());
        insert.Parameters.Add(new NpgsqlParameter("payloads", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = states.Select(static s => s.Payload).ToArray() });
        insert.Parameters.AddWithValue("created", states.Select(static s => s.CreatedAt.ToUniversalTime()).ToArray());
        batch.BatchCommands.Add(insert);
    }
}
