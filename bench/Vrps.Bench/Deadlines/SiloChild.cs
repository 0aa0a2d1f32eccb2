using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;

namespace Vrps.Bench.Deadlines;

/// <summary>
/// A timer silo the scenario runs as a child process (this executable with <see cref="SiloProtocol.SiloFlag"/>):
/// started, commanded over standard input, stopped gracefully or killed with SIGKILL. Its fires go to the provider's
/// <see cref="FireRecorder"/>, its log lines to the scenario's standard error.
/// </summary>
internal sealed class SiloChild : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly FireRecorder fires;
    private readonly int generation;
    private readonly TaskCompletionSource<SiloReady> ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<ArmReply> armed = Channel.CreateUnbounded<ArmReply>();
    private readonly Task outputPump;
    private readonly Task errorPump;

    private SiloChild(Process process, DateTimeOffset launchedAt, FireRecorder fires, int generation)
    {
        this.process = process;
        this.fires = fires;
        this.generation = generation;
        LaunchedAt = launchedAt;
        outputPump = Task.Run(PumpOutputAsync);
        errorPump = Task.Run(PumpErrorAsync);
    }

    /// <summary>The machine clock (UTC) just before the process was started: the origin of every start-up time.</summary>
    public DateTimeOffset LaunchedAt { get; }

    public static SiloChild Launch(string scenarioName, TimerSiloOptions options, FireRecorder fires, int generation)
    {
        var executable = Environment.ProcessPath ?? throw new InvalidOperationException("The bench cannot find its own executable.");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // Run as "dotnet Vrps.Bench.dll", the child needs the assembly named too.
        if (string.Equals(Path.GetFileNameWithoutExtension(executable), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(SiloChild).Assembly.Location);
        }

        start.ArgumentList.Add(scenarioName);
        start.ArgumentList.Add(SiloProtocol.SiloFlag);
        foreach (var argument in options.ToArguments())
        {
            start.ArgumentList.Add(argument);
        }

        var launchedAt = TimeProvider.System.GetUtcNow();
        var process = Process.Start(start) ?? throw new InvalidOperationException("The timer silo did not start.");
        return new SiloChild(process, launchedAt, fires, generation);
    }

    public async Task<SiloReady> WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        await ready.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);

    public async Task<ArmReply> ArmAsync(string prefix, int count, DateTimeOffset firstDue, TimeSpan spacing, CancellationToken cancellationToken)
    {
        await process.StandardInput.WriteLineAsync(
            string.Create(CultureInfo.InvariantCulture, $"{SiloProtocol.Arm} {prefix} {count} {firstDue.UtcTicks} {spacing.Ticks}")).ConfigureAwait(false);
        await process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
        return await armed.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>SIGKILL: the silo gets no chance to stop its services, release leases or leave the cluster.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: false);
        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        await DrainAsync().ConfigureAwait(false);
    }

    public async Task StopAsync()
    {
        if (!process.HasExited)
        {
            try
            {
                await process.StandardInput.WriteLineAsync(SiloProtocol.Stop).ConfigureAwait(false);
                await process.StandardInput.FlushAsync().ConfigureAwait(false);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // It exited meanwhile.
            }

            using var timeout = new CancellationTokenSource(StopTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await Console.Error.WriteLineAsync("timer silo did not stop in time; killing it").ConfigureAwait(false);
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }

        await DrainAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await DrainAsync().ConfigureAwait(false);
        process.Dispose();
    }

    private async Task DrainAsync()
    {
        await outputPump.ConfigureAwait(false);
        await errorPump.ConfigureAwait(false);
    }

    private async Task PumpOutputAsync()
    {
        try
        {
            while (await process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                Dispatch(line);
            }
        }
        finally
        {
            ready.TrySetException(new InvalidOperationException("The timer silo exited before it was ready; its log is above."));
            armed.Writer.TryComplete(new InvalidOperationException("The timer silo exited before answering."));
        }
    }

    private void Dispatch(string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        var verb = space < 0 ? line : line[..space];
        var rest = space < 0 ? string.Empty : line[(space + 1)..];
        switch (verb)
        {
            case SiloProtocol.Fired:
                var fields = rest.Split(' ');
                fires.Record(new TimerFire(fields[0], new DateTimeOffset(long.Parse(fields[1], CultureInfo.InvariantCulture), TimeSpan.Zero), generation));
                break;
            case SiloProtocol.Ready:
                ready.TrySetResult(JsonSerializer.Deserialize<SiloReady>(rest) ?? throw new InvalidOperationException("Empty ready message."));
                break;
            case SiloProtocol.Armed:
                var parts = rest.Split(' ', 4);
                armed.Writer.TryWrite(new ArmReply(
                    int.Parse(parts[0], CultureInfo.InvariantCulture),
                    int.Parse(parts[1], CultureInfo.InvariantCulture),
                    TimeSpan.FromMilliseconds(double.Parse(parts[2], CultureInfo.InvariantCulture)),
                    parts.Length > 3 ? parts[3] : null));
                break;
            default:
                Console.Error.WriteLine($"[silo {generation}] {line}");
                break;
        }
    }

    private async Task PumpErrorAsync()
    {
        while (await process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            await Console.Error.WriteLineAsync($"[silo {generation}] {line}").ConfigureAwait(false);
        }
    }
}
