using System.Net.Mail;
using Vrps.Interfaces;

namespace Vrps.Grains.Rules;

public static class Emails
{
    public static string Require(string? email, string field = "email")
    {
        var trimmed = email?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 254 || !MailAddress.TryCreate(trimmed, out var address) || address.Address != trimmed)
        {
            throw DomainException.Validation(field, $"{field} must be an email address.");
        }

        return trimmed.ToLowerInvariant();
    }
}
