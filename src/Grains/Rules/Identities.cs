using Vrps.Interfaces;

namespace Vrps.Grains.Rules;

public static class Identities
{
    /// <summary>"+1 (555) 123-4567" → "+15551234567": one phone number, one identity.</summary>
    public static string Phone(string phone)
    {
        var digits = new string(phone.Where(char.IsDigit).ToArray());
        return digits.Length is >= 7 and <= 15
            ? "+" + digits
            : throw DomainException.Validation("phone", "phone must have 7 to 15 digits, ideally in E.164 form (+15551234567).");
    }

    /// <summary>The key of the identity's grain, e.g. "phone:+15551234567".</summary>
    public static string Key(string kind, string value) => $"{kind}:{value}";
}
