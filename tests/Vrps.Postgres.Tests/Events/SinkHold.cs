namespace Vrps.Postgres.Tests.Events;

/// <summary>Keeps the delivery of one stream sequence waiting: <see cref="Reached"/> completes when it arrives, <see cref="Release"/> lets it go on.</summary>
internal sealed class SinkHold(long sequence)
{
    public long Sequence { get; } = sequence;

    public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
