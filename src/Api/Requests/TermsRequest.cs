using Vrps.Interfaces.PassTypes;

namespace Vrps.Api.Requests;

/// <summary>
/// Terms as a client sends them. <see cref="Terms"/> is what the server answers with, where every member is always
/// there; a request may leave out the amount (0), so the two are separate schemas in the API document.
/// </summary>
/// <param name="AmountCents">Price in cents (default 0; ignored for free terms).</param>
public sealed record TermsRequest(
    [RequiredField] string? RateStructure,
    int? AmountCents,
    [RequiredField] DurationRule? Duration,
    SeasonalRule? Seasonal,
    QuotaRule? Quota)
{
    public Terms ToTerms() => new(RateStructure!, AmountCents ?? 0, Duration!, Seasonal, Quota);
}
