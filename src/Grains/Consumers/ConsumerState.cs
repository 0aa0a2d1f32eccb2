using Vrps.Interfaces.Consumers;

namespace Vrps.Grains.Consumers;

public sealed class ConsumerState
{
    public string? Name { get; set; }

    public List<ConsumerIdentity> Identities { get; set; } = [];

    public List<Vehicle> Vehicles { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
}
