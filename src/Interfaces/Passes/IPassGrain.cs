
namespace Vrps.Interfaces.Passes;

public interface IPassGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Issues the pass, locking the terms onto it. The pass grain is the single judge of a claim: once a lapsed
    /// reservation voided this id, issuing fails; issuing twice with the same id returns the same pass.
    /// </summary>
    Task<PassView> IssueAsync(IssuePass command);

    /// <summary>For a reservation that lapsed: issued (true), or voided now so it can never be issued (false).</summary>
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
