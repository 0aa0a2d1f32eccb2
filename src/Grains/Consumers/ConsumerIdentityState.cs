namespace Vrps.Grains.Consumers;

public sealed class ConsumerIdentityState
{
    public Guid? ConsumerId { get; set; }
}
