using System.Globalization;

namespace Vrps.Bench.Deadlines;

/// <summary>The child silo's record of every fire its timer grains receive, sent to the scenario as it happens.</summary>
internal sealed class FireLog(ProtocolWriter output)
{
    public void Fired(string key, DateTimeOffset firedAt) =>
        output.Send(string.Create(CultureInfo.InvariantCulture, $"{SiloProtocol.Fired} {key} {firedAt.UtcTicks}"));
}
