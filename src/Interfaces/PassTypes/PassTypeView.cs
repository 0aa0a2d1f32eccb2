namespace Vrps.Interfaces.PassTypes;

[Immutable]
public sealed record PassTypeView(
    Guid Id,
    Guid LotId,
    Guid PropertyId,
    Guid CustomerId,
    string Name,
    string? Description,
    int ActiveVersion,
    Terms ActiveTerms,
    IReadOnlyList<TermsVersion> Versions,
    DateTimeOffset CreatedAt);
