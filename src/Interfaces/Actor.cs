namespace Vrps.Interfaces;

/// <summary>Who acts: the API key (or system process) behind a command, recorded in the audit trail.</summary>
[Immutable]
public sealed record Actor(string Id, string Role)
{
    public static Actor System { get; } = new("system", "system");
}
