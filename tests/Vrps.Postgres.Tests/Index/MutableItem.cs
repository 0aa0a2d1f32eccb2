namespace Vrps.Postgres.Tests.Index;

/// <summary>An item a grain could go on changing after staging it: what the upsert must not see.</summary>
internal sealed class MutableItem
{
    public string Key { get; set; } = string.Empty;
}
