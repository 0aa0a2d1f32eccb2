using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Vrps.Bench.Grains;
using Vrps.Runtime;
using Vrps.Runtime.Hosting;
using Vrps.Runtime.Metrics;

namespace Vrps.Bench.RuntimeWrites;

/// <summary>Runs one case on its own silo and its own empty database, then checks what reached the database.</summary>
internal static class WriteCaseRunner
{
    public static async Task<CaseResult> RunAsync(WriteCase writeCase, string connectionString, RuntimeWritesOptions options, CancellationToken cancellationToken)
    {
        // No default configuration sources: an environment variable must not be able to change MaxBatchSize unnoticed.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services
            .AddVrpsRuntime(connectionString, runtime =>
            {
                if (!writeCase.Coalescing)
                {
                    runtime.MaxBatchSize = 1;
                }
            })
            .AddGrain<BenchCounterGrain>();

        LoadResult priming;
        LoadResult warmup;
        LoadResult measured;
        long transactions;
        long committedWrites;
        int maxBatchSize;
        using (var host = builder.Build())
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                maxBatchSize = host.Services.GetRequiredService<IOptions<RuntimeOptions>>().Value.MaxBatchSize;
                var metrics = host.Services.GetRequiredService<RuntimeMetrics>();
                var factory = host.Services.GetRequiredService<IGrainFactory>();

                // References are made up front so that proxy creation is not part of any measured call.
                var grains = Enumerable.Range(0, writeCase.Grains)
                    .Select(i => factory.GetGrain<IBenchCounterGrain>($"counter-{i}"))
                    .ToArray();
                Func<IBenchCounterGrain, Task> call = writeCase.Mode == WriteMode.Pipelined
                    ? static grain => grain.AddPipelinedAsync()
                    : static grain => grain.AddAwaitedAsync();

                // Each grain is activated by one call made alone: what is measured is steady-state writing, not
                // activation (loading state) of the grains.
                priming = await ClosedLoopDriver.RunAsync(
                        grains, call, grains.Length, Math.Min(RuntimeWritesOptions.Clients, grains.Length), cancellationToken)
                    .ConfigureAwait(false);
                warmup = await ClosedLoopDriver.RunAsync(grains, call, options.WarmupWrites, RuntimeWritesOptions.Clients, cancellationToken)
                    .ConfigureAwait(false);

                // Every acknowledged write has committed (replies wait for their commit), so once the warmup calls
                // have all answered, the counters hold nothing of the warmup that could leak into the measurement.
                var batchesBefore = metrics.BatchCount;
                var writesBefore = metrics.CommittedWrites;
                measured = await ClosedLoopDriver.RunAsync(grains, call, options.Writes, RuntimeWritesOptions.Clients, cancellationToken)
                    .ConfigureAwait(false);
                transactions = metrics.BatchCount - batchesBefore;
                committedWrites = metrics.CommittedWrites - writesBefore;
            }
            finally
            {
                await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }

        var (storedSum, storedRows) = await ReadStoredAsync(connectionString, cancellationToken).ConfigureAwait(false);
        var acknowledged = priming.Succeeded + warmup.Succeeded + measured.Succeeded;
        var failed = priming.Failed + warmup.Failed + measured.Failed;
        var firstError = priming.FirstError ?? warmup.FirstError ?? measured.FirstError;
        var (passed, check) = (storedSum == acknowledged, failed) switch
        {
            (true, 0) => (true, "OK"),
            (false, _) => (false, $"FAIL: stored sum {storedSum} != {acknowledged} acknowledged"),
            _ => (false, $"FAIL: {failed} calls failed ({firstError})"),
        };

        return new CaseResult
        {
            Number = writeCase.Number,
            Title = writeCase.Title,
            Grains = writeCase.Grains,
            Mode = writeCase.Mode,
            Coalescing = writeCase.Coalescing,
            MaxBatchSize = maxBatchSize,
            Writes = measured.Succeeded,
            FailedCalls = failed,
            ElapsedSeconds = measured.Elapsed.TotalSeconds,
            WritesPerSecond = measured.CallsPerSecond,
            Latency = measured.Latency,
            Transactions = transactions,
            CommittedWrites = committedWrites,
            WritesPerTransaction = transactions == 0 ? 0 : (double)committedWrites / transactions,
            AcknowledgedWrites = acknowledged,
            StoredSum = storedSum,
            StoredRows = storedRows,
            Passed = passed,
            Check = check,
        };
    }

    private static async Task<(long Sum, long Rows)> ReadStoredAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(
            "SELECT coalesce(sum((payload->>'value')::bigint), 0)::bigint, count(*) FROM grain_state");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
