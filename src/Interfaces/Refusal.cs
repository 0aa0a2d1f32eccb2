namespace Vrps.Interfaces;

/// <summary>
/// A domain refusal returned as a value, for calls that refuse as often as they succeed (a full offer in a claim burst):
/// an exception crossing a grain call is captured, copied and thrown again, a value is not. The caller turns it into
/// the <see cref="DomainException"/> the API maps, with the same code, message and kind.
/// </summary>
[Immutable]
public sealed record Refusal(string Code, string Message, DomainErrorKind Kind)
{
    public DomainException ToException() => new(Code, Message, Kind);
}
