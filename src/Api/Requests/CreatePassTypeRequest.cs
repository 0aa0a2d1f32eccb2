using Vrps.Interfaces.PassTypes;

namespace Vrps.Api.Requests;

public sealed record CreatePassTypeRequest(string? Name, string? Description, Terms? Terms);
