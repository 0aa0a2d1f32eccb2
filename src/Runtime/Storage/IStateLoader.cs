namespace Vrps.Runtime.Storage;

internal interface IStateLoader
{
    Task ReadStateAsync();
}
