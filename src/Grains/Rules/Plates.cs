using System.Text;
using Vrps.Interfaces;

namespace Vrps.Grains.Rules;

public static class Plates
{
    /// <summary>"ab-12 cd" and "AB12CD" are the same plate to a patrol: upper case, no spaces, dashes or dots.</summary>
    public static string Normalize(string? plate)
    {
        var builder = new StringBuilder();
        foreach (var c in plate ?? "")
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToUpperInvariant(c));
            }
            else if (c is not (' ' or '-' or '.' or '_'))
            {
                throw DomainException.Validation("plate", "plate may hold letters, digits, spaces, dots and dashes only.");
            }
        }

        return builder.Length is >= 1 and <= 16
            ? builder.ToString()
            : throw DomainException.Validation("plate", "plate must have 1 to 16 letters or digits.");
    }
}
