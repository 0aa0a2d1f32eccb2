using Vrps.Interfaces;

namespace Vrps.Grains.Rules;

public static class TimeZones
{
    /// <summary>Accepts IANA ids only ("Europe/Paris"), so that stored zones mean the same on every platform.</summary>
    public static string RequireIana(string? timezone, string field = "timezone")
    {
        if (string.IsNullOrWhiteSpace(timezone))
        {
            throw DomainException.Validation(field, $"{field} is required (an IANA id such as \"America/New_York\").");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timezone, out var zone) || !zone.HasIanaId)
        {
            throw DomainException.Validation(field, $"'{timezone}' is not an IANA time zone id such as \"America/New_York\".");
        }

        return zone.Id;
    }
}
