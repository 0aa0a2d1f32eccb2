namespace Vrps.Postgres.Hosting;

/// <summary>
/// A local PostgreSQL server could not be found or started. <see cref="Exception.Message"/> is one sentence telling the
/// user what to install or configure; diagnostics (command output, the tail of postgres.log) are in
/// <see cref="Exception.InnerException"/> and <see cref="Exception.Data"/> so the sentence stays readable.
/// </summary>
public sealed class LocalPostgresUnavailableException : Exception
{
    /// <summary>Key in <see cref="Exception.Data"/> of the last lines of postgres.log, when there are any.</summary>
    public const string LogTailDataKey = "PostgresLogTail";

    /// <summary>Key in <see cref="Exception.Data"/> of the full path of postgres.log, when it is known.</summary>
    public const string LogFileDataKey = "PostgresLogFile";

    public LocalPostgresUnavailableException()
        : base("A local PostgreSQL server is unavailable: install PostgreSQL or set ConnectionStrings__Postgres to an existing database.")
    {
    }

    public LocalPostgresUnavailableException(string message)
        : base(message)
    {
    }

    public LocalPostgresUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
