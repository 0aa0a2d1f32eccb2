namespace Vrps.Interfaces.PassTypes;

/// <summary>An immutable version of a pass type's terms (R7): a rate change adds a version.</summary>
[Immutable]
public sealed record TermsVersion(int Version, Terms Terms, DateTimeOffset CreatedAt);
