namespace Vrps.Postgres.Tests.Index;

public interface IIndexedGrain : IGrainWithStringKey
{
    /// <summary>Sets the status, stages the grain's index row and writes state.</summary>
    Task SaveAsync(string parentId, string status);

    /// <summary>Stages the index row, then an effect Postgres refuses, and writes state: the transaction rolls back.</summary>
    Task SaveThenFailAsync(string parentId, string status);
}
