using Vrps.Interfaces;

namespace Vrps.Grains.Rules;

public static class Numbers
{
    public static int Require(int? value, string field, int min, int max) =>
        value is null
            ? throw DomainException.Validation(field, $"{field} is required.")
            : InRange(value.Value, field, min, max);

    public static int InRange(int value, string field, int min, int max) =>
        value < min || value > max
            ? throw DomainException.Validation(field, $"{field} must be between {min} and {max}.")
            : value;
}
