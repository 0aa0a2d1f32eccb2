namespace Vrps.Interfaces.Events;

/// <summary>
/// The one way an entity id becomes the key of its event streams: 32 hex digits without dashes ("N"). Orleans maps an
/// implicitly subscribed stream to the Guid-keyed grain of the same id only from that form, so every stream (audit,
/// tenant, pass lifecycle) uses it, and every reader asks for it through here.
/// </summary>
public static class StreamKeys
{
    public static string Of(Guid id) => id.ToString("N");
}
