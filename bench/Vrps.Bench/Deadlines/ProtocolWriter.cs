using System.Text;
using System.Threading.Channels;

namespace Vrps.Bench.Deadlines;

/// <summary>
/// The child silo's standard output, written by one pump so that a grain recording a fire never waits on the pipe and
/// lines from many grains never interleave; flushed whenever the queue runs empty.
/// </summary>
internal sealed class ProtocolWriter : IAsyncDisposable
{
    private readonly Channel<string> lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly StreamWriter writer;
    private readonly Task pump;

    public ProtocolWriter(Stream output)
    {
        writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        pump = Task.Run(PumpAsync);
    }

    public void Send(string line) => lines.Writer.TryWrite(line);

    public async ValueTask DisposeAsync()
    {
        lines.Writer.TryComplete();
        await pump.ConfigureAwait(false);
        await writer.DisposeAsync().ConfigureAwait(false);
    }

    private async Task PumpAsync()
    {
        var reader = lines.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var line))
            {
                await writer.WriteLineAsync(line).ConfigureAwait(false);
            }

            await writer.FlushAsync().ConfigureAwait(false);
        }
    }
}
