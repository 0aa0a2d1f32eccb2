namespace Vrps.Postgres.Tests.Events;

/// <summary>A payload type, to read a stored event back as what the writer serialized.</summary>
public sealed record BookingPlaced(string BookingId, int Nights);
