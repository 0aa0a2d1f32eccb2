namespace Vrps.Runtime;

public sealed class GrainCallTimeoutException(string message) : TimeoutException(message);
