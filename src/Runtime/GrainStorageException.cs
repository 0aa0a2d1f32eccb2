namespace Vrps.Runtime;

/// <summary>The group commit that held this caller's write failed; nothing of it was stored.</summary>
public sealed class GrainStorageException(string message, Exception? inner = null) : Exception(message, inner);
