using System.Text.RegularExpressions;
using Vrps.Interfaces;
using Vrps.Interfaces.Reservations;

namespace Vrps.Grains.Reservations;

/// <summary>Validation of touchpoint schedules and the instant each touchpoint of a stay is due (G3, G4).</summary>
public static partial class TouchpointRules
{
    public const string CheckIn = "check_in";
    public const string CheckOut = "check_out";
    public const int MaxTouchpoints = 50;

    /// <summary>Ninety days either side is further than any short stay's messaging reaches.</summary>
    public const int MaxOffsetMinutes = 90 * 24 * 60;

    public static readonly IReadOnlyList<string> Channels = ["email", "sms", "whatsapp", "phone", "in_app", "in_person"];

    public static IReadOnlyList<TouchpointRule> Validate(IReadOnlyList<TouchpointRule>? touchpoints)
    {
        if (touchpoints is null)
        {
            throw DomainException.Validation("touchpoints", "touchpoints is required (an empty list clears the schedule).");
        }

        if (touchpoints.Count > MaxTouchpoints)
        {
            throw DomainException.Validation("touchpoints", $"A schedule has at most {MaxTouchpoints} touchpoints.");
        }

        return touchpoints.Select((t, i) =>
        {
            if (t is null)
            {
                throw DomainException.Validation($"touchpoints[{i}]", "A touchpoint must be an object.");
            }

            if (t.RelativeTo is not (CheckIn or CheckOut))
            {
                throw DomainException.Validation($"touchpoints[{i}].relativeTo", "relativeTo must be check_in or check_out.");
            }

            if (Math.Abs(t.OffsetMinutes) > MaxOffsetMinutes)
            {
                throw DomainException.Validation($"touchpoints[{i}].offsetMinutes", $"offsetMinutes must be within ±{MaxOffsetMinutes} (90 days).");
            }

            return t with { Type = Type(t.Type, $"touchpoints[{i}].type"), Channel = Channel(t.Channel, $"touchpoints[{i}].channel") };
        }).ToList();
    }

    public static string Type(string? type, string field = "type") =>
        type is not null && Token().IsMatch(type)
            ? type
            : throw DomainException.Validation(field, $"{field} must be a lowercase name such as \"welcome_message\" (letters, digits, _; at most 60).");

    public static string Channel(string? channel, string field = "channel") =>
        channel is not null && Channels.Contains(channel)
            ? channel
            : throw DomainException.Validation(field, $"{field} must be one of {string.Join(", ", Channels)}.");

    /// <summary>The stay's touchpoints with their instants, earliest first; equal instants keep the schedule's order.</summary>
    public static List<ScheduledTouchpoint> Plan(IEnumerable<TouchpointRule> schedule, DateTimeOffset checkIn, DateTimeOffset checkOut) =>
        schedule.Select(t => new ScheduledTouchpoint(t.Type, t.Channel, t.OffsetMinutes, t.RelativeTo, DueAt(t.OffsetMinutes, t.RelativeTo, checkIn, checkOut)))
            .OrderBy(static t => t.DueAt)
            .ToList();

    public static DateTimeOffset DueAt(int offsetMinutes, string relativeTo, DateTimeOffset checkIn, DateTimeOffset checkOut) =>
        (relativeTo == CheckIn ? checkIn : checkOut).AddMinutes(offsetMinutes);

    [GeneratedRegex("^[a-z][a-z0-9_]{0,59}$")]
    private static partial Regex Token();
}
