namespace Vrps.Postgres.Tests.Events;

internal static class EventTypes
{
    public const string Noted = "test.noted";
}
