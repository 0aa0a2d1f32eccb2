using Npgsql;
using Vrps.Postgres.Storage;

namespace Vrps.Postgres.Deadlines;

/// <summary>
/// A transaction's deadline sets and cancels as at most one upsert, one delete and one notification. Sets and cancels
/// are one kind because they touch the same rows: per deadline only the last change staged counts, as it would had
/// each been applied in turn, and that also keeps one statement from touching a row twice.
/// </summary>
internal sealed class DeadlineChanges : ICommitEffectCombiner
{
    public static readonly DeadlineChanges Instance = new();

    private DeadlineChanges()
    {
    }

    public int Order => 0;

    public void AddAll(IReadOnlyList<ICommitEffect> effects, NpgsqlBatch batch)
    {
        ArgumentNullException.ThrowIfNull(effects);
        ArgumentNullException.ThrowIfNull(batch);
        var last = new Dictionary<(string Type, string Key, string Name), ICommitEffect>(effects.Count);
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case SetDeadline set:
                    last[(set.Grain.Type.ToString()!, set.Grain.Key.ToString()!, set.Name)] = set;
                    break;
                case CancelDeadline cancel:
                    last[(cancel.Grain.Type.ToString()!, cancel.Grain.Key.ToString()!, cancel.Name)] = cancel;
                    break;
                default:
                    throw new ArgumentException($"{effect.GetType().Name} is not a deadline change.", nameof(effects));
            }
        }

        // Rows locked in key order: two transactions changing overlapping deadlines wait for each other, never deadlock.
        var changes = last.OrderBy(static c => c.Key.Type, StringComparer.Ordinal)
            .ThenBy(static c => c.Key.Key, StringComparer.Ordinal)
            .ThenBy(static c => c.Key.Name, StringComparer.Ordinal)
            .ToList();
        var sets = changes.Where(static c => c.Value is SetDeadline).ToList();
        var cancels = changes.Where(static c => c.Value is CancelDeadline).ToList();
        if (sets.Count > 0)
        {
            var upsert = new NpgsqlBatchCommand(DeadlineSql.SetAll);
            AddKeys(upsert, sets);
            upsert.Parameters.AddWithValue("due", sets.Select(static c => ((SetDeadline)c.Value).DueAt.ToUniversalTime()).ToArray());
            batch.BatchCommands.Add(upsert);
        }

        if (cancels.Count > 0)
        {
            var delete = new NpgsqlBatchCommand(DeadlineSql.CancelAll);
            AddKeys(delete, cancels);
            batch.BatchCommands.Add(delete);
        }

        // Only a deadline still set when the transaction commits is worth waking for. NOTIFY is delivered only when
        // the transaction commits: a rolled-back deadline wakes nobody.
        if (sets.Exists(static c => ((SetDeadline)c.Value).Wake))
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(DeadlineSql.Wake));
        }
    }

    private static void AddKeys(NpgsqlBatchCommand command, List<KeyValuePair<(string Type, string Key, string Name), ICommitEffect>> changes)
    {
        command.Parameters.AddWithValue("types", changes.Select(static c => c.Key.Type).ToArray());
        command.Parameters.AddWithValue("keys", changes.Select(static c => c.Key.Key).ToArray());
        command.Parameters.AddWithValue("names", changes.Select(static c => c.Key.Name).ToArray());
    }
}
