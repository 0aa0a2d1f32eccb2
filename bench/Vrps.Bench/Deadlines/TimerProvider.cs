namespace Vrps.Bench.Deadlines;

/// <summary>The two ways an Orleans silo of ours can fire a one-shot timer, compared side by side.</summary>
internal enum TimerProvider
{
    /// <summary>Our durable deadlines (<c>AddPostgresDeadlines</c>).</summary>
    Deadlines,

    /// <summary>Stock <c>Microsoft.Orleans.Reminders.AdoNet</c> on our schema (<c>UsePostgresReminders</c>).</summary>
    Reminders,
}
