namespace Vrps.Interfaces.Audit;

/// <summary>One audited change (R16, P5), committed with the change itself on the stream ("audit", entity id).</summary>
[Immutable]
public sealed record AuditRecord(
    Guid EntityId,
    string EntityType,
    Guid? CustomerId,
    string Action,
    Actor Actor,
    object? Before,
    object? After,
    DateTimeOffset At)
{
    public const string Namespace = "audit";

    /// <summary>The stream event type of an audit record, e.g. "audit.lot.updated": the one place it is composed.</summary>
    public static string EventType(string entityType, string action) => $"audit.{entityType}.{action}";
}
