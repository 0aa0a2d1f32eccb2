namespace Vrps.Runtime.Core;

internal sealed record GrainClassRegistration(Type ClassType);
