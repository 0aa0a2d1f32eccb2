using Vrps.Interfaces.Properties;

namespace Vrps.Api.Public;

/// <summary>
/// A pass as its holder sees it at the pass page's unguessable URL: plate, lot, status and validity. No phone, no
/// email, no consumer or customer id.
/// </summary>
public sealed record PublicPassView(
    Guid Id,
    string Plate,
    string Status,
    DateTimeOffset ValidFrom,
    DateTimeOffset ValidUntil,
    DateTimeOffset? EndedAt,
    string PassTypeName,
    string LotName,
    string LotSlug,
    string PropertyName,
    Branding Branding);
