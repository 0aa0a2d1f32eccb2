using Vrps.Grains.Common;
using Vrps.Interfaces.PassTypes;

namespace Vrps.Grains.PassTypes;

public sealed class PassTypeState : EntityState
{
    public Guid LotId { get; set; }

    public Guid PropertyId { get; set; }

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public List<TermsVersion> Versions { get; set; } = [];
}
