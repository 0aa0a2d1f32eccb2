namespace Vrps.Grains.Common;

/// <summary>What every entity of the ownership tree keeps: its tenant, its birth and its soft deletion (R3).</summary>
public abstract class EntityState
{
    public Guid CustomerId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DeletedAt { get; set; }
}
