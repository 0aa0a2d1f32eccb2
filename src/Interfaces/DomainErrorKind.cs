namespace Vrps.Interfaces;

/// <summary>What kind of refusal a <see cref="DomainException"/> is; the API alone turns a kind into an HTTP status.</summary>
public enum DomainErrorKind
{
    /// <summary>The input breaks a rule about its own shape or range (a field missing, out of range, malformed).</summary>
    Invalid = 0,

    /// <summary>The caller may not do this.</summary>
    Forbidden = 1,

    /// <summary>The thing named does not exist (or the caller may not know it does).</summary>
    NotFound = 2,

    /// <summary>The thing's current state does not allow this now (exhausted, already exists, wrong status).</summary>
    Conflict = 3,

    /// <summary>A well-formed request that a domain rule refuses (outside a window, a quota, a policy).</summary>
    Refused = 4,
}
