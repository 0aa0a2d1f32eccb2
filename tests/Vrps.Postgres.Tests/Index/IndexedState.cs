namespace Vrps.Postgres.Tests.Index;

[GenerateSerializer]
public sealed class IndexedState
{
    [Id(0)]
    public string Status { get; set; } = string.Empty;
}
