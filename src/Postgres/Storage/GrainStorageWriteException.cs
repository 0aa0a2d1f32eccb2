namespace Vrps.Postgres.Storage;

/// <summary>
/// The transaction that held a state write failed, so nothing of that write (nor of its staged effects) was stored.
/// The activation that wrote it is deactivated: its in-memory state is ahead of what is durable.
/// </summary>
[GenerateSerializer]
public sealed class GrainStorageWriteException : OrleansException
{
    public GrainStorageWriteException()
    {
    }

    public GrainStorageWriteException(string message)
        : base(message)
    {
    }

    public GrainStorageWriteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
