namespace Vrps.Api.Requests;

/// <param name="Default">Make it the consumer's one default vehicle (the first vehicle always is).</param>
public sealed record AddVehicleRequest([RequiredField] string? Plate, string? Description, bool? Default);
