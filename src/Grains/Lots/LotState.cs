using Vrps.Grains.Common;

namespace Vrps.Grains.Lots;

public sealed class LotState : EntityState
{
    public Guid PropertyId { get; set; }

    public string Name { get; set; } = "";

    public int Capacity { get; set; }

    public string Mode { get; set; } = "";

    public int GracePeriodMinutes { get; set; }

    public string Slug { get; set; } = "";

    public string QrCode { get; set; } = "";

    public List<Guid> PeerPropertyIds { get; set; } = [];

    /// <summary>Peer properties whose grant is withdrawn but whose units may still hold the lot, until they all lost it.</summary>
    public List<Guid> PendingPeerRevocations { get; set; } = [];
}
