using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vrps.Runtime.Hosting;
using Vrps.Runtime.Metrics;
using Vrps.Runtime.Storage;

namespace Vrps.Runtime.Core;

/// <summary>The silo's activation directory and message dispatcher; also the <see cref="IGrainFactory"/>.</summary>
public sealed class GrainRuntime : IGrainFactory
{
    private readonly ConcurrentDictionary<GrainId, Activation> activations = new();
    private readonly ConcurrentDictionary<Type, GrainTypeInfo> interfaceTypes = new();
    private readonly GrainTypeRegistry registry;
    private readonly TimeSpan callTimeout;
    private volatile bool stopping;

    internal GrainRuntime(
        IServiceProvider services,
        GrainTypeRegistry registry,
        StateCommitter committer,
        RuntimeMetrics metrics,
        TimeProvider timeProvider,
        IOptions<RuntimeOptions> options,
        ILogger<GrainRuntime> logger)
    {
        Services = services;
        this.registry = registry;
        Committer = committer;
        Metrics = metrics;
        TimeProvider = timeProvider;
        Options = options.Value;
        Logger = logger;
        callTimeout = Options.CallTimeout;
        metrics.ObserveActivations(() => activations.Count, () => activations.Values.Sum(static a => a.QueueLength));
    }

    internal IServiceProvider Services { get; }

    internal StateCommitter Committer { get; }

    internal RuntimeMetrics Metrics { get; }

    internal RuntimeOptions Options { get; }

    internal ILogger Logger { get; }

    public TimeProvider TimeProvider { get; }

    public int ActivationCount => activations.Count;

    public TGrain GetGrain<TGrain>(Guid key) where TGrain : IGrainWithGuidKey => CreateReference<TGrain>(key.ToString("D"));

    public TGrain GetGrain<TGrain>(string key) where TGrain : IGrainWithStringKey => CreateReference<TGrain>(key);

    private TGrain CreateReference<TGrain>(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var type = interfaceTypes.GetOrAdd(typeof(TGrain), registry.ForInterface);
        var proxy = DispatchProxy.Create<TGrain, GrainReference>();
        ((GrainReference)(object)proxy!).Bind(this, new GrainId(type.Name, key));
        return proxy;
    }

    internal string TypeNameOf(Type grainClass) => GrainTypeInfo.NameOf(grainClass);

    internal Task<T> Send<T>(GrainId target, Message<T> message)
    {
        Dispatch(target, message);
        var reply = message.Reply;
        return reply.IsCompleted ? reply : WithTimeout(reply, target, message.Name);
    }

    private async Task<T> WithTimeout<T>(Task<T> reply, GrainId target, string method)
    {
        try
        {
            return await reply.WaitAsync(callTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException) when (!reply.IsCompleted)
        {
            throw new GrainCallTimeoutException($"Call {method} on grain {target} did not answer within {callTimeout.TotalSeconds:0.###} s.");
        }
    }

    internal void Dispatch(GrainId target, Message message)
    {
        if (stopping && !activations.ContainsKey(target))
        {
            message.Fail(new InvalidOperationException($"The silo is shutting down; grain {target} cannot be activated."));
            return;
        }

        while (true)
        {
            // The value factory of GetOrAdd may run on several racing threads: only the thread whose instance was
            // stored may activate it.
            var created = false;
            if (!activations.TryGetValue(target, out var activation))
            {
                var candidate = new Activation(this, target, registry.ForName(target.Type));
                activation = activations.GetOrAdd(target, candidate);
                created = ReferenceEquals(activation, candidate);
            }

            if (activation.TryEnqueue(message))
            {
                if (created)
                {
                    activation.Activate();
                }

                return;
            }

            // That activation finished deactivating between lookup and enqueue: remove it if still listed and retry.
            activations.TryRemove(new KeyValuePair<GrainId, Activation>(target, activation));
        }
    }

    internal void Remove(Activation activation) =>
        activations.TryRemove(new KeyValuePair<GrainId, Activation>(activation.Id, activation));

    /// <summary>Deactivates activations idle since before <paramref name="now"/> minus their age limit.</summary>
    internal int CollectIdle(DateTimeOffset now)
    {
        var collected = 0;
        foreach (var activation in activations.Values)
        {
            var limit = activation.Type.AgeLimit ?? Options.DefaultIdleTimeout;
            if (activation.IsIdleSince(now - limit))
            {
                activation.RequestDeactivation(DeactivationReason.IdleTimeout);
                collected++;
            }
        }

        return collected;
    }

    /// <summary>Deactivates every activation (running OnDeactivateAsync and draining their commits) before the silo stops.</summary>
    internal async Task DeactivateAllAsync(CancellationToken cancellationToken)
    {
        stopping = true;
        var all = activations.Values.ToArray();
        foreach (var activation in all)
        {
            activation.RequestDeactivation(DeactivationReason.ShuttingDown);
        }

        await Task.WhenAll(all.Select(static a => a.Deactivated)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    internal void Resume() => stopping = false;
}
