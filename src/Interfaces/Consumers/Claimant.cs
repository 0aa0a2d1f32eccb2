namespace Vrps.Interfaces.Consumers;

/// <summary>Who claims under an identity: its consumer, and whether that consumer was created by this claim (its record already holds the plate).</summary>
[Immutable]
public sealed record Claimant(Guid ConsumerId, bool Created);
