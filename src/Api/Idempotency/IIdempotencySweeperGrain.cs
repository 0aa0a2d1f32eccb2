
namespace Vrps.Api.Idempotency;

/// <summary>Deletes idempotency keys past their retention, hourly, on a durable reminder.</summary>
public interface IIdempotencySweeperGrain : IGrainWithStringKey
{
    /// <summary>Makes sure the hourly sweep reminder exists; cheap to call on every silo start.</summary>
    Task EnsureScheduledAsync();
}
