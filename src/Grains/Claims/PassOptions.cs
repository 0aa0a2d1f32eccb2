namespace Vrps.Grains.Claims;

public sealed class PassOptions
{
    public const string Section = "Vrps:Passes";

    /// <summary>How long before its end a pass turns expiring_soon (and pass.expiring_soon is sent).</summary>
    public TimeSpan ExpiringSoonLead { get; set; } = TimeSpan.FromMinutes(15);
}
