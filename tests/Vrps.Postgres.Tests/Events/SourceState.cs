namespace Vrps.Postgres.Tests.Events;

[GenerateSerializer]
public sealed class SourceState
{
    [Id(0)]
    public long Appended { get; set; }
}
