namespace Vrps.Postgres.Tests.Events;

/// <summary>A subscriber: activated by Orleans for each stream of its namespace that carries an event.</summary>
public interface IEventSinkGrain : IGrainWithStringKey;
