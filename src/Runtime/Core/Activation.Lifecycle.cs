using Microsoft.Extensions.Logging;

namespace Vrps.Runtime.Core;

internal sealed partial class Activation
{
    /// <summary>Creates the grain, loads its state and runs OnActivateAsync before any queued message.</summary>
    public void Activate() => _ = Scheduler.Run(ActivateAsync);

    private async Task ActivateAsync()
    {
        try
        {
            instance = Type.Create(Runtime.Services, this);
            foreach (var state in states)
            {
                await state.ReadStateAsync();
            }

            await instance.OnActivateAsync(CancellationToken.None);
        }
        catch (Exception exception)
        {
            RuntimeLog.ActivationFailed(Runtime.Logger, Id.ToString(), exception);
            Message[] failed;
            lock (gate)
            {
                status = ActivationStatus.Invalid;
                failed = [.. pending];
                pending.Clear();
            }

            Runtime.Remove(this);
            deactivated.TrySetResult();
            foreach (var message in failed)
            {
                message.Fail(exception);
            }

            return;
        }

        Runtime.Metrics.ActivationCreated();
        lock (gate)
        {
            status = ActivationStatus.Valid;
            Pump();
        }
    }

    public void RequestDeactivation(DeactivationReason reason)
    {
        lock (gate)
        {
            if (status != ActivationStatus.Valid)
            {
                return;
            }

            status = ActivationStatus.Deactivating;
        }

        _ = DeactivateAsync(reason);
    }

    private async Task DeactivateAsync(DeactivationReason reason)
    {
        Task idle;
        lock (gate)
        {
            idle = exclusiveRunning == 0 && sharedRunning == 0
                ? Task.CompletedTask
                : (quiescent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }

        await idle.ConfigureAwait(false);

        GrainTimer[] running;
        lock (gate)
        {
            running = [.. timers];
        }

        foreach (var timer in running)
        {
            timer.Dispose();
        }

        try
        {
            await Scheduler.Run(async () =>
            {
                await Instance.OnDeactivateAsync(reason, CancellationToken.None);
                await CompleteTurn();
            }).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            RuntimeLog.DeactivationFailed(Runtime.Logger, Id.ToString(), exception);
        }

        try
        {
            await lastCommit.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The failure already reached the callers that waited on this commit.
        }

        Runtime.Remove(this);
        Message[] forward;
        lock (gate)
        {
            status = ActivationStatus.Invalid;
            forward = [.. pending];
            pending.Clear();
        }

        deactivated.TrySetResult();
        RuntimeLog.Deactivated(Runtime.Logger, Id.ToString(), reason);
        foreach (var message in forward)
        {
            if (!message.DropOnDeactivation)
            {
                Runtime.Dispatch(Id, message);
            }
        }
    }
}
