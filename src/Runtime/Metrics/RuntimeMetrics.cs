using System.Diagnostics;
using System.Diagnostics.Metrics;
using Vrps.Runtime.Core;

namespace Vrps.Runtime.Metrics;

/// <summary>The runtime's instruments, on the meter "Vrps.Runtime", plus the ActivitySource for traces.</summary>
public sealed class RuntimeMetrics : IDisposable
{
    public const string MeterName = "Vrps.Runtime";

    public static readonly ActivitySource ActivitySource = new(MeterName);

    private readonly Meter meter;
    private readonly Counter<long> calls;
    private readonly Histogram<double> callDuration;
    private readonly Counter<long> activationsCreated;
    private readonly Counter<long> batches;
    private readonly Histogram<long> batchSize;
    private readonly Histogram<double> commitLatency;
    private readonly Counter<long> commitFailures;
    private readonly Histogram<double> reminderLag;
    private readonly Counter<long> remindersFired;
    private readonly Histogram<double> eventDeliveryLag;
    private readonly Counter<long> stateReads;
    private Func<int>? activationCount;
    private Func<int>? mailboxDepth;
    private long batchCount;
    private long committedWrites;
    private long stateReadCount;

    public RuntimeMetrics(IMeterFactory meterFactory)
    {
        meter = meterFactory.Create(MeterName);
        calls = meter.CreateCounter<long>("vrps.grain.calls", description: "Grain calls answered");
        callDuration = meter.CreateHistogram<double>("vrps.grain.call.duration", "ms", "From send to reply, including the wait for durability");
        activationsCreated = meter.CreateCounter<long>("vrps.activations.created");
        meter.CreateObservableGauge("vrps.activations", () => activationCount?.Invoke() ?? 0, description: "Live activations");
        meter.CreateObservableGauge("vrps.mailbox.depth", () => mailboxDepth?.Invoke() ?? 0, description: "Messages waiting in mailboxes");
        batches = meter.CreateCounter<long>("vrps.storage.batches", description: "Group-commit transactions committed");
        batchSize = meter.CreateHistogram<long>("vrps.storage.batch.size", description: "Writes per group-commit transaction");
        commitLatency = meter.CreateHistogram<double>("vrps.storage.commit.duration", "ms");
        commitFailures = meter.CreateCounter<long>("vrps.storage.commit.failures");
        reminderLag = meter.CreateHistogram<double>("vrps.reminders.lag", "ms", "Fire time minus due time");
        remindersFired = meter.CreateCounter<long>("vrps.reminders.fired");
        eventDeliveryLag = meter.CreateHistogram<double>("vrps.events.delivery.lag", "ms", "Delivery time minus the time the event was raised");
        stateReads = meter.CreateCounter<long>("vrps.storage.reads", description: "Grain state reads (one per persistent state of each activation)");
    }

    /// <summary>Transactions committed by the group committer since start (also on the meter).</summary>
    public long BatchCount => Interlocked.Read(ref batchCount);

    /// <summary>Grain state reads since start (also on the meter).</summary>
    public long StateReadCount => Interlocked.Read(ref stateReadCount);

    /// <summary>Commit items (writes and effect flushes) committed since start.</summary>
    public long CommittedWrites => Interlocked.Read(ref committedWrites);

    internal void ObserveActivations(Func<int> count, Func<int> depth)
    {
        activationCount = count;
        mailboxDepth = depth;
    }




    internal void CallCompleted(Message message)
    {
        calls.Add(1);
        callDuration.Record(Stopwatch.GetElapsedTime(message.StartedAt).TotalMilliseconds);
    }

    internal void ActivationCreated() => activationsCreated.Add(1);


    internal void Committed(int count, TimeSpan elapsed)
    {
        Interlocked.Increment(ref batchCount);
        Interlocked.Add(ref committedWrites, count);
        batches.Add(1);
        batchSize.Record(count);
        commitLatency.Record(elapsed.TotalMilliseconds);
    }

    internal void CommitFailed(int count) => commitFailures.Add(count);

    internal void StateRead()
    {
        Interlocked.Increment(ref stateReadCount);
        stateReads.Add(1);
    }

    internal void ReminderFired(TimeSpan lag)
    {
        remindersFired.Add(1);
        reminderLag.Record(lag.TotalMilliseconds);
    }

    internal void EventDelivered(TimeSpan lag) => eventDeliveryLag.Record(lag.TotalMilliseconds);

    public void Dispose() => meter.Dispose();
}
