using System.Text;
using Vrps.Interfaces;
using Vrps.Interfaces.Lots;

namespace Vrps.Grains.Rules;

/// <summary>Lot rules (R4): capacity, mode, grace period, and the slug and QR code that never change.</summary>
public static class LotRules
{
    public const int MaxCapacity = 100_000;
    public const int MaxGraceMinutes = 24 * 60;

    public static string Mode(string? mode) =>
        mode is null ? LotModes.Private
        : LotModes.All.Contains(mode) ? mode
        : throw DomainException.Validation("mode", $"mode must be one of {string.Join(", ", LotModes.All)}.");

    /// <summary>
    /// The settings after <paramref name="patch"/>: every present field is checked before anything is returned, so a
    /// patch with one bad field changes nothing (issue 9).
    /// </summary>
    public static LotSettings Patch(LotSettings current, UpdateLot patch) => new(
        patch.Name is null ? current.Name : Names.Require(patch.Name),
        patch.Capacity is { } capacity ? Numbers.InRange(capacity, "capacity", 0, MaxCapacity) : current.Capacity,
        patch.Mode is null ? current.Mode : Mode(patch.Mode),
        patch.GracePeriodMinutes is { } grace ? Numbers.InRange(grace, "gracePeriodMinutes", 0, MaxGraceMinutes) : current.GracePeriodMinutes);

    /// <summary>A readable, unique slug: the name's words plus six characters of the id.</summary>
    public static string Slug(string name, Guid id)
    {
        var builder = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }

            if (builder.Length >= 40)
            {
                break;
            }
        }

        var words = builder.ToString().Trim('-');
        var suffix = id.ToString("N")[..6];
        return words.Length == 0 ? $"lot-{suffix}" : $"{words}-{suffix}";
    }

    /// <summary>The code printed on the lot's QR sticker: derived from the id, so it can never drift.</summary>
    public static string QrCode(Guid id) => $"VRPS-L-{id.ToString("N")[..12].ToUpperInvariant()}";
}
