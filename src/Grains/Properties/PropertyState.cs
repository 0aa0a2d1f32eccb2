using Vrps.Grains.Common;
using Vrps.Interfaces.Properties;

namespace Vrps.Grains.Properties;

public sealed class PropertyState : EntityState
{
    public string Name { get; set; } = "";

    public string Timezone { get; set; } = "";

    public Branding Branding { get; set; } = new(null, null, null);
}
