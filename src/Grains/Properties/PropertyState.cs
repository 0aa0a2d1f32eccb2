namespace Vrps.Grains.Properties;

public sealed class PropertyState
{
    public Guid CustomerId { get; set; }

    public string Name { get; set; } = "";

    public string Timezone { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}
