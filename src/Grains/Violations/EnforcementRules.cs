using Vrps.Interfaces;

namespace Vrps.Grains.Violations;

/// <summary>What a patrol may write into a scan or a violation (R14).</summary>
public static class EnforcementRules
{
    public const int MaxReasonLength = 200;
    public const int MaxNotesLength = 2000;
    public const int MaxPhotos = 10;
    public const int MaxUrlLength = 2000;
    public const int MaxStickerNumberLength = 64;

    public static string Reason(string? reason)
    {
        var trimmed = reason?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw DomainException.Validation("reason", "reason is required.");
        }

        return trimmed.Length <= MaxReasonLength
            ? trimmed
            : throw DomainException.Validation("reason", $"reason must be at most {MaxReasonLength} characters.");
    }

    public static string? Notes(string? notes) => Optional(notes, "notes", MaxNotesLength);

    public static string? StickerNumber(string? sticker) => Optional(sticker, "stickerNumber", MaxStickerNumberLength);

    /// <summary>Photos are uploaded elsewhere; we keep links only, and only ones a browser can open.</summary>
    public static IReadOnlyList<string> PhotoUrls(IReadOnlyList<string>? urls)
    {
        if (urls is null)
        {
            return [];
        }

        if (urls.Count > MaxPhotos)
        {
            throw DomainException.Validation("photoUrls", $"photoUrls may hold at most {MaxPhotos} links.");
        }

        foreach (var url in urls)
        {
            if (url is null || url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                throw DomainException.Validation("photoUrls", "photoUrls must be absolute http(s) URLs.");
            }
        }

        return urls.ToArray();
    }

    /// <summary>A position is both coordinates or none: half a position places the scan nowhere.</summary>
    public static (double? Latitude, double? Longitude) Coordinates(double? latitude, double? longitude)
    {
        if (latitude is null != longitude is null)
        {
            throw DomainException.Validation(latitude is null ? "latitude" : "longitude", "latitude and longitude go together: give both or neither.");
        }

        if (latitude is { } lat && (double.IsNaN(lat) || lat is < -90 or > 90))
        {
            throw DomainException.Validation("latitude", "latitude must be between -90 and 90.");
        }

        if (longitude is { } lon && (double.IsNaN(lon) || lon is < -180 or > 180))
        {
            throw DomainException.Validation("longitude", "longitude must be between -180 and 180.");
        }

        return (latitude, longitude);
    }

    private static string? Optional(string? value, string field, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return trimmed.Length <= maxLength
            ? trimmed
            : throw DomainException.Validation(field, $"{field} must be at most {maxLength} characters.");
    }
}
