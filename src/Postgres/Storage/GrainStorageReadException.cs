namespace Vrps.Postgres.Storage;

/// <summary>
/// Grain state could not be read, so the activation cannot start. Carries the cause as text: a driver exception would
/// not survive the trip to a caller in another process (Orleans has no codec for it).
/// </summary>
[GenerateSerializer]
public sealed class GrainStorageReadException : OrleansException
{
    public GrainStorageReadException()
    {
    }

    public GrainStorageReadException(string message)
        : base(message)
    {
    }

    public GrainStorageReadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
