using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Storage;

namespace Vrps.Postgres.Storage;

/// <summary>How grain code hands the grain storage something that must commit with its next state write.</summary>
public static class CommitEffectGrainExtensions
{
    /// <summary>
    /// Stages <paramref name="effect"/> on this activation. The next <c>WriteStateAsync</c> or <c>ClearStateAsync</c> of
    /// any of its states on the Vrps grain storage takes it into the same transaction as that state; if that write
    /// fails, the effect is not stored either. The effect runs later, on the storage's commit loop: it must be an
    /// immutable snapshot, not a view of grain state. A grain with no state to write commits its effects with
    /// <see cref="FlushCommitEffectsAsync"/>.
    /// </summary>
    public static void StageCommitEffect(this IGrainBase grain, ICommitEffect effect)
    {
        ArgumentNullException.ThrowIfNull(grain);
        ArgumentNullException.ThrowIfNull(effect);
        var context = grain.GrainContext;
        var staged = context.GetComponent<StagedCommitEffects>();
        if (staged is null)
        {
            staged = new StagedCommitEffects();
            context.SetComponent(staged);
        }

        staged.Add(effect);
    }

    /// <summary>
    /// Commits the effects this activation staged without writing any state (for grain code that raised events or set
    /// deadlines but keeps no state), through the group commit of the silo's default Vrps grain storage. The effects
    /// queue behind this activation's earlier state writes on that storage, so each of those commits before them or in
    /// the same transaction (writes on another provider have their own commit loop and no such order). The task completes once the transaction committed; when it fails, the effects are lost, as with a
    /// failed state write, and the activation is deactivated. Completes at once when nothing is staged.
    /// </summary>
    /// <exception cref="InvalidOperationException">The silo's default grain storage is not the Vrps grain storage.</exception>
    public static Task FlushCommitEffectsAsync(this IGrainBase grain)
    {
        ArgumentNullException.ThrowIfNull(grain);
        var context = grain.GrainContext;
        var storage = context.ActivationServices.GetKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        if (storage is not VrpsGrainStorage vrps)
        {
            throw new InvalidOperationException(storage is null
                ? "FlushCommitEffectsAsync commits through the silo's default grain storage, but none is registered: add it with AddVrpsGrainStorageAsDefault."
                : $"FlushCommitEffectsAsync commits through the silo's default grain storage, which is {storage.GetType().Name}, not the Vrps grain storage: add it with AddVrpsGrainStorageAsDefault.");
        }

        return vrps.FlushCommitEffectsAsync(context);
    }
}
