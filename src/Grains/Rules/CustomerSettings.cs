namespace Vrps.Grains.Rules;

/// <summary>The changeable settings of a customer, validated as a whole by <see cref="CustomerRules.Patch"/>.</summary>
public sealed record CustomerSettings(string Name, string Status);
