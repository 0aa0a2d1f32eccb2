using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Runtime;
using Vrps.Postgres.Storage;

namespace Vrps.Postgres.Deadlines;

internal sealed class Deadlines(NpgsqlDataSource dataSource, IOptions<DeadlineOptions> options, TimeProvider time) : IDeadlines
{
    private readonly DeadlineOptions options = options.Value;

    public ICommitEffect Set(GrainId grain, string name, DateTimeOffset dueAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (grain.IsDefault)
        {
            throw new ArgumentException("A deadline needs a grain.", nameof(grain));
        }

        // Only a deadline due before an idle silo looks again is worth a notification; the rest are found by the poll.
        return new SetDeadline(grain, name, dueAt, dueAt <= time.GetUtcNow() + options.PollInterval);
    }

    public ICommitEffect Cancel(GrainId grain, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (grain.IsDefault)
        {
            throw new ArgumentException("A deadline needs a grain.", nameof(grain));
        }

        return new CancelDeadline(grain, name);
    }

    public ValueTask SetAsync(GrainId grain, string name, DateTimeOffset dueAt, CancellationToken cancellationToken = default) =>
        CommitAsync(Set(grain, name, dueAt), cancellationToken);

    public ValueTask CancelAsync(GrainId grain, string name, CancellationToken cancellationToken = default) =>
        CommitAsync(Cancel(grain, name), cancellationToken);

    private async ValueTask CommitAsync(ICommitEffect effect, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection);
        effect.AddTo(batch);

        // A batch of several statements runs as one implicit transaction.
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
