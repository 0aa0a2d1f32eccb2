namespace Vrps.Api.Requests;

/// <summary>
/// The request is refused (400 validation_failed naming the field) when this field is missing, null or blank. The one
/// declaration both the API document (the field is <c>required</c>) and the server's check (<see cref="RequiredFields"/>)
/// read. The member stays nullable in C#, so a missing field reaches our check instead of failing in the binder.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class RequiredFieldAttribute : Attribute;
