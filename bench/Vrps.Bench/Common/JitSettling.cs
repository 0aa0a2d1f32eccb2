using System.Diagnostics;
using System.Runtime;

namespace Vrps.Bench.Common;

/// <summary>
/// The JIT's work in this process: how much it did, and waiting until it has caught up. Tiered compilation recompiles
/// hot methods in the background after a warm-up; measured on 2026-12-04, the in-process hot-offer burst ran while
/// the JIT still compiled about 500 methods every 2 s, over 0.6 of a core on this 2-core machine, so the bench measured
/// the JIT's backlog, not the claim path a silo that has run for a minute runs.
/// </summary>
internal static class JitSettling
{
    /// <summary>JIT compilation time so far, all threads.</summary>
    public static TimeSpan CompilationTime => JitInfo.GetCompilationTime(currentThread: false);

    /// <summary>
    /// Waits until a second passes in which the JIT compiles fewer than <paramref name="quietMethods"/> methods, or
    /// <paramref name="limit"/> has passed; returns how long it waited.
    /// </summary>
    public static async Task<TimeSpan> WaitAsync(CancellationToken cancellationToken, int quietMethods = 20, TimeSpan? limit = null)
    {
        var clock = Stopwatch.StartNew();
        var until = limit ?? TimeSpan.FromSeconds(30);
        var compiled = JitInfo.GetCompiledMethodCount(currentThread: false);
        while (clock.Elapsed < until)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            var now = JitInfo.GetCompiledMethodCount(currentThread: false);
            if (now - compiled < quietMethods)
            {
                break;
            }

            compiled = now;
        }

        return clock.Elapsed;
    }
}
