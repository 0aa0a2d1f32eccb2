namespace Vrps.Postgres.Tests.Deadlines;

public sealed record AlarmFire(string Name, DateTimeOffset DueAt);
