
namespace Vrps.Interfaces.Passes;

public interface IPassGrain : IGrainWithGuidKey
{
    /// <summary>
    /// For a reservation that lapsed: issued (true), or voided now so it can never be issued (false). The pass's
    /// stored row is the single judge of a claim: the lot issues a pass by writing its first state, which fails once
    /// this has voided the id.
    /// </summary>
    Task<bool> ResolveAsync();

    /// <summary>The pass, or null when none was issued under this id.</summary>
    [ReadOnly]
    Task<PassView?> FindAsync();

    Task<PassView> RevokeAsync(Actor actor);

    Task<PassView> SuspendAsync(Actor actor);

    Task<PassView> ResumeAsync(Actor actor);

    /// <summary>The consumer ends the pass early; unused time goes back to the unit's quota.</summary>
    Task<PassView> CancelAsync(Actor actor);
}
