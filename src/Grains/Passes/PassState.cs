using Vrps.Grains.Common;
using Vrps.Interfaces.PassTypes;

namespace Vrps.Grains.Passes;

public sealed class PassState : EntityState
{
    /// <summary>"voided" when a lapsed hold settled it before it was issued; otherwise a pass status.</summary>
    public string Status { get; set; } = "";

    public Guid OfferId { get; set; }

    public Guid PropertyId { get; set; }

    public Guid LotId { get; set; }

    public Guid? UnitId { get; set; }

    public Guid PassTypeId { get; set; }

    public int TermsVersion { get; set; }

    public Terms? Terms { get; set; }

    public Guid ConsumerId { get; set; }

    public string Plate { get; set; } = "";

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public int AmountCents { get; set; }
}
