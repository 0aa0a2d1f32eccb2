namespace Vrps.Postgres.Tests.AdoNet;

public interface ICounterGrain : IGrainWithStringKey
{
    Task SetAsync(int value);

    Task<int> GetAsync();

    Task DeactivateAsync();

    /// <summary>Told apart per activation, so a test knows the next call reached a new one that read its state.</summary>
    Task<Guid> ActivationAsync();
}
