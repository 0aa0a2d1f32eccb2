namespace Vrps.Runtime;

public interface IGrainFactory
{
    TGrain GetGrain<TGrain>(Guid key) where TGrain : IGrainWithGuidKey;

    TGrain GetGrain<TGrain>(string key) where TGrain : IGrainWithStringKey;
}
