using System.Net;

namespace Vrps.Api.Tests;

/// <summary>A request body sent in two halves, the second once <paramref name="gate"/> completes: a request held in flight.</summary>
internal sealed class GatedContent(byte[] body, Task gate) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var half = body.Length / 2;
        await stream.WriteAsync(body.AsMemory(0, half));
        await stream.FlushAsync();
        await gate;
        await stream.WriteAsync(body.AsMemory(half));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = body.Length;
        return true;
    }
}
