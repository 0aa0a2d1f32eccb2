using Vrps.Interfaces.Passes;

namespace Vrps.Interfaces.Claims;

[Immutable]
public sealed record ClaimResult(PassView Pass, bool Replayed);
