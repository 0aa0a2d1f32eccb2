namespace Vrps.Runtime.Tests.Grains;

public interface IReentrantGrain : IInterleavingGrain;
