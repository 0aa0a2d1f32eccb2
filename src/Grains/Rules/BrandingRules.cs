using System.Text.RegularExpressions;
using Vrps.Interfaces;
using Vrps.Interfaces.Properties;

namespace Vrps.Grains.Rules;

public static partial class BrandingRules
{
    public static Branding Validate(Branding? branding)
    {
        if (branding is null)
        {
            return new Branding(null, null, null);
        }

        if (branding.LogoUrl is { } url
            && (url.Length > 2000 || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
        {
            throw DomainException.Validation("branding.logoUrl", "branding.logoUrl must be an absolute http(s) URL.");
        }

        Color(branding.PrimaryColor, "branding.primaryColor");
        Color(branding.SecondaryColor, "branding.secondaryColor");
        return branding;
    }

    private static void Color(string? color, string field)
    {
        if (color is not null && !HexColor().IsMatch(color))
        {
            throw DomainException.Validation(field, $"{field} must be a hex color such as #1A2B3C.");
        }
    }

    [GeneratedRegex("^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")]
    private static partial Regex HexColor();
}
