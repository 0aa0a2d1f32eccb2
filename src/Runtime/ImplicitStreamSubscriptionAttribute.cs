namespace Vrps.Runtime;

/// <summary>
/// Events on stream namespace <see cref="Namespace"/> with key K are delivered, in order, to this grain class's
/// activation with key K. The class implements <see cref="Streams.IStreamSubscriber"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class ImplicitStreamSubscriptionAttribute(string @namespace) : Attribute
{
    public string Namespace { get; } = @namespace;
}
