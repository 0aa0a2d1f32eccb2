using Vrps.Interfaces.Passes;

namespace Vrps.Interfaces.Claims;

public sealed record ClaimResult(PassView Pass, bool Replayed);
