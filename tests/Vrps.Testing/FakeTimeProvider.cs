using System.Globalization;

namespace Vrps.Testing;

/// <summary>
/// A <see cref="TimeProvider"/> whose clock moves only when a test calls <see cref="Advance"/> or
/// <see cref="SetUtcNow"/>. Timers created through it (including those behind
/// <c>Task.Delay(delay, provider)</c> and <c>new CancellationTokenSource(delay, provider)</c>) fire on the thread that
/// moves the clock, in due order, so time-dependent code can be tested deterministically and instantly.
/// </summary>
public sealed class FakeTimeProvider : TimeProvider
{
    /// <summary>The instant a provider starts at unless another one is given: 2026-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Lock _gate = new();
    private readonly List<FakeTimer> _armed = [];
    private DateTimeOffset _now;
    private long _armings;

    /// <summary>Starts the clock at <see cref="DefaultStart"/>.</summary>
    public FakeTimeProvider()
        : this(DefaultStart)
    {
    }

    /// <summary>Starts the clock at <paramref name="start"/>.</summary>
    public FakeTimeProvider(DateTimeOffset start)
    {
        Start = start.ToUniversalTime();
        _now = Start;
    }

    /// <summary>The instant the clock started at.</summary>
    public DateTimeOffset Start { get; }

    /// <inheritdoc/>
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>One timestamp unit is one <see cref="TimeSpan"/> tick, so timestamps and the clock never disagree.</summary>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <inheritdoc/>
    public override long GetTimestamp()
    {
        lock (_gate)
        {
            return _now.UtcTicks;
        }
    }

    /// <summary>Moves the clock forward by <paramref name="delta"/>, firing every timer that falls due on the way.</summary>
    /// <remarks><c>Advance(TimeSpan.Zero)</c> fires timers that were armed with a zero due time.</remarks>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_gate)
        {
            target = _now + delta;
        }

        MoveTo(target);
    }

    /// <summary>Moves the clock forward to <paramref name="value"/>, firing every timer that falls due on the way.</summary>
    public void SetUtcNow(DateTimeOffset value)
    {
        lock (_gate)
        {
            if (value < _now)
            {
                // Real clocks behind TimeProvider never go back, and timers cannot be un-fired.
                throw new ArgumentOutOfRangeException(nameof(value), value, $"The clock is already at {_now:O} and cannot go back.");
            }
        }

        MoveTo(value);
    }

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new FakeTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <inheritdoc/>
    public override string ToString() => GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    private void MoveTo(DateTimeOffset target)
    {
        while (true)
        {
            TimerCallback callback;
            object? state;
            lock (_gate)
            {
                var next = NextDue(target);
                if (next is null)
                {
                    // Another thread may have moved the clock further meanwhile; time never runs backwards.
                    if (target > _now)
                    {
                        _now = target;
                    }

                    return;
                }

                // Callbacks see the clock at their own due time, as they would with a real clock.
                if (next.Due > _now)
                {
                    _now = next.Due;
                }

                callback = next.Callback;
                state = next.State;
                if (next.Period > TimeSpan.Zero)
                {
                    next.Due += next.Period;
                    next.Arming = ++_armings;
                }
                else
                {
                    _armed.Remove(next);
                }
            }

            // Outside the lock: callbacks commonly touch the provider (re-arm, create timers, read the clock), possibly
            // from continuations they resume on other threads.
            callback(state);
        }
    }

    private FakeTimer? NextDue(DateTimeOffset limit)
    {
        FakeTimer? next = null;
        foreach (var timer in _armed)
        {
            // Equal due times fire in the order they were armed, like a FIFO timer queue.
            if (timer.Due <= limit
                && (next is null || timer.Due < next.Due || (timer.Due == next.Due && timer.Arming < next.Arming)))
            {
                next = timer;
            }
        }

        return next;
    }

    private bool Change(FakeTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        ValidateTimerSpan(dueTime, nameof(dueTime));
        ValidateTimerSpan(period, nameof(period));
        lock (_gate)
        {
            if (timer.Disposed)
            {
                return false;
            }

            _armed.Remove(timer);
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return true;
            }

            timer.Due = _now + dueTime;

            // As with System.Threading.Timer, a zero or infinite period means the timer fires once.
            timer.Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
            timer.Arming = ++_armings;
            _armed.Add(timer);
            return true;
        }
    }

    private void Dispose(FakeTimer timer)
    {
        lock (_gate)
        {
            timer.Disposed = true;
            _armed.Remove(timer);
        }
    }

    private static void ValidateTimerSpan(TimeSpan value, string parameterName)
    {
        if (value < TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(parameterName, value, "Must be non-negative or Timeout.InfiniteTimeSpan.");
        }
    }

    /// <summary>State is guarded by the owning provider's lock, which orders every change against the clock.</summary>
    private sealed class FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public TimerCallback Callback { get; } = callback;

        public object? State { get; } = state;

        public DateTimeOffset Due { get; set; }

        public TimeSpan Period { get; set; }

        public long Arming { get; set; }

        public bool Disposed { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period) => owner.Change(this, dueTime, period);

        public void Dispose() => owner.Dispose(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
