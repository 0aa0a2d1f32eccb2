using Vrps.Interfaces.Tickets;

namespace Vrps.Api.Requests;

/// <param name="Rules">Replaces the customer's whole rule list; the most specific match wins for each ticket.</param>
public sealed record SlaPolicyRequest([RequiredField] IReadOnlyList<SlaRule>? Rules);
