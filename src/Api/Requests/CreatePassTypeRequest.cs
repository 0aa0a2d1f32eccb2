namespace Vrps.Api.Requests;

public sealed record CreatePassTypeRequest([RequiredField] string? Name, string? Description, [RequiredField] TermsRequest? Terms);
