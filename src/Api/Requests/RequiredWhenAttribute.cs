namespace Vrps.Api.Requests;

/// <summary>
/// A field required only in some cases: optional in the API document, with <see cref="Condition"/> as its description.
/// The endpoint or the domain rule that knows the case checks it.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class RequiredWhenAttribute(string condition) : Attribute
{
    public string Condition { get; } = condition;
}
