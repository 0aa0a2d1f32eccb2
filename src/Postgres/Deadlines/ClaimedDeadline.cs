using Orleans.Runtime;

namespace Vrps.Postgres.Deadlines;

internal sealed record ClaimedDeadline(GrainId Grain, string Name, DateTimeOffset DueAt, long Version);
