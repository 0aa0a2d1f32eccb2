using Vrps.Api.Idempotency;

namespace Vrps.Api.Tests;

/// <summary>Issue 13: concurrent requests' idempotency statements run together, one statement per batch.</summary>
public sealed class StatementBatcherTests
{
    [Fact]
    public async Task RunAsync_CallsArrivingWhileABatchRuns_RunTogetherInTheNextBatch()
    {
        var batches = new List<IReadOnlyList<int>>();
        var firstRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var batcher = new StatementBatcher<int, int>(async items =>
        {
            batches.Add(items);
            if (batches.Count == 1)
            {
                await firstRunning.Task;
            }

            return items.Select(static i => i * 10).ToArray();
        });

        var first = batcher.RunAsync(1);
        var later = new[] { batcher.RunAsync(2), batcher.RunAsync(3), batcher.RunAsync(4) };
        firstRunning.SetResult();

        var firstResult = await first;
        var laterResults = await Task.WhenAll(later);

        Assert.Equal(10, firstResult);
        Assert.Equal([20, 30, 40], laterResults);
        Assert.Equal([[1], [2, 3, 4]], batches);
    }

    [Fact]
    public async Task RunAsync_BatchFails_FailsEveryCallOfThatBatchAndTheNextBatchRuns()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = 0;
        var batcher = new StatementBatcher<int, int>(async items =>
        {
            switch (++runs)
            {
                case 1:
                    await gate.Task;
                    return items.ToArray();
                case 2:
                    throw new InvalidOperationException("the statement failed");
                default:
                    return items.ToArray();
            }
        });

        var first = batcher.RunAsync(1);
        var failing = new[] { batcher.RunAsync(2), batcher.RunAsync(3) };
        gate.SetResult();

        Assert.Equal(1, await first);
        foreach (var call in failing)
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => call);
        }

        Assert.Equal(4, await batcher.RunAsync(4));
    }
}
