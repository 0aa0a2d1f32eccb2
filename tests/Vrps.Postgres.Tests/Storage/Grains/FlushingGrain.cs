using Microsoft.Extensions.DependencyInjection;
using Vrps.Postgres.Deadlines;
using Vrps.Postgres.Events;
using Vrps.Postgres.Storage;
using Vrps.Postgres.Tests.Events;

namespace Vrps.Postgres.Tests.Storage.Grains;

/// <summary>
/// Raises events and sets deadlines without any state of its own. It resolves <see cref="IDeadlines"/> only when it
/// sets one, so it also activates in silos without deadlines (to show what a flush does there).
/// </summary>
[GrainType("vrps-test-flushing")]
internal sealed class FlushingGrain(TimeProvider time) : Grain, IFlushingGrain
{
    public const string Namespace = "test-flushing";

    private readonly Guid activation = Guid.NewGuid();

    public async Task RaiseAsync(string streamKey, int count)
    {
        for (var i = 1; i <= count; i++)
        {
            this.StageCommitEffect(EventLog.Append(Namespace, streamKey, EventTypes.Noted, $$"""{"n":{{i}}}""", time.GetUtcNow()));
        }

        await this.FlushCommitEffectsAsync();
    }

    public async Task SetDeadlineAsync(string name, DateTimeOffset dueAt)
    {
        this.StageCommitEffect(Deadlines().Set(this.GetGrainId(), name, dueAt));
        await this.FlushCommitEffectsAsync();
    }

    public async Task RaiseThenFailAsync(string streamKey, string deadlineName, DateTimeOffset dueAt)
    {
        this.StageCommitEffect(EventLog.Append(Namespace, streamKey, EventTypes.Noted, "{}", time.GetUtcNow()));
        this.StageCommitEffect(Deadlines().Set(this.GetGrainId(), deadlineName, dueAt));
        this.StageCommitEffect(new FailingEffect());
        await this.FlushCommitEffectsAsync();
    }

    public async Task<bool> FlushNothingAsync()
    {
        var flush = this.FlushCommitEffectsAsync();
        var completed = flush.IsCompleted;
        await flush;
        return completed;
    }

    public Task<Guid> ActivationAsync() => Task.FromResult(activation);

    private IDeadlines Deadlines() => ServiceProvider.GetRequiredService<IDeadlines>();
}
