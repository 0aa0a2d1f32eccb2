namespace Vrps.Interfaces.Audit;

/// <summary>One audited change (R16, P5), committed with the change itself on the stream ("audit", entity id).</summary>
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
}
