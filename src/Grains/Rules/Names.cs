using Vrps.Interfaces;

namespace Vrps.Grains.Rules;

/// <summary>Rules for the names operators give things.</summary>
public static class Names
{
    public const int MaxLength = 200;

    public static string Require(string? name, string field = "name")
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw DomainException.Validation(field, $"{field} is required.");
        }

        if (trimmed.Length > MaxLength)
        {
            throw DomainException.Validation(field, $"{field} must be at most {MaxLength} characters.");
        }

        return trimmed;
    }
}
