using System.Text.RegularExpressions;
using Vrps.Interfaces;
using Vrps.Interfaces.Tickets;

namespace Vrps.Grains.Tickets;

/// <summary>Validation and matching of SLA rules, pure: the most specific category pattern wins, then an exact priority.</summary>
public static partial class SlaRules
{
    public const int MaxRules = 200;
    public const int MaxEscalations = 10;
    public const int DefaultWarningPercent = 80;

    [GeneratedRegex("^[A-Z]{2,5}-[A-Z][A-Z_]{1,30}$")]
    public static partial Regex Category();

    [GeneratedRegex(@"^(\*|[A-Z]{2,5}-\*|[A-Z]{2,5}-[A-Z][A-Z_]{1,30})$")]
    private static partial Regex Pattern();

    /// <summary>What a ticket gets when no rule of its customer matches, so every ticket has a running clock.</summary>
    public static SlaRule Default(string priority) => priority switch
    {
        "emergency" => new("*", priority, 15, 240, DefaultWarningPercent, null, []),
        "urgent" => new("*", priority, 30, 480, DefaultWarningPercent, null, []),
        "high" => new("*", priority, 60, 1440, DefaultWarningPercent, null, []),
        "low" => new("*", priority, 1440, 10080, DefaultWarningPercent, null, []),
        _ => new("*", priority, 240, 4320, DefaultWarningPercent, null, []),
    };

    public static SlaRule Match(IReadOnlyList<SlaRule> rules, string category, string priority)
    {
        SlaRule? best = null;
        var bestScore = -1;
        foreach (var rule in rules)
        {
            var categoryScore = rule.CategoryPattern == category ? 2
                : rule.CategoryPattern.EndsWith("-*", StringComparison.Ordinal) && category.StartsWith(rule.CategoryPattern[..^1], StringComparison.Ordinal) ? 1
                : rule.CategoryPattern == "*" ? 0
                : -1;
            var priorityScore = rule.Priority == priority ? 1 : rule.Priority == "*" ? 0 : -1;
            if (categoryScore < 0 || priorityScore < 0)
            {
                continue;
            }

            // Category specificity dominates; earlier rules win ties so the order an operator wrote is respected.
            var score = (categoryScore * 2) + priorityScore;
            if (score > bestScore)
            {
                (best, bestScore) = (rule, score);
            }
        }

        return best ?? Default(priority);
    }

    public static IReadOnlyList<SlaRule> Validate(IReadOnlyList<SlaRule>? rules)
    {
        if (rules is null)
        {
            throw DomainException.Validation("rules", "rules is required.");
        }

        if (rules.Count > MaxRules)
        {
            throw DomainException.Validation("rules", $"At most {MaxRules} rules.");
        }

        return rules.Select(static (rule, i) => Validate(rule, $"rules[{i}]")).ToList();
    }

    private static SlaRule Validate(SlaRule? rule, string at)
    {
        if (rule is null)
        {
            throw DomainException.Validation(at, $"{at} must be an object.");
        }

        if (rule.CategoryPattern is null || !Pattern().IsMatch(rule.CategoryPattern))
        {
            throw DomainException.Validation($"{at}.categoryPattern", "categoryPattern must be \"*\", \"TYPE-*\" or a category such as \"PC-PLUMBING\".");
        }

        var priority = rule.Priority ?? "*";
        if (priority != "*" && !TicketPriorities.All.Contains(priority))
        {
            throw DomainException.Validation($"{at}.priority", $"priority must be \"*\" or one of {string.Join(", ", TicketPriorities.All)}.");
        }

        if (rule.FirstResponseMinutes is < 1 or > 525_600 || rule.ResolutionMinutes is < 1 or > 525_600)
        {
            throw DomainException.Validation(at, "firstResponseMinutes and resolutionMinutes must be between 1 and 525600.");
        }

        var warning = rule.WarningPercent == 0 ? DefaultWarningPercent : rule.WarningPercent;
        if (warning is < 1 or > 99)
        {
            throw DomainException.Validation($"{at}.warningPercent", "warningPercent must be between 1 and 99.");
        }

        var hours = rule.BusinessHours ?? [];
        foreach (var window in hours)
        {
            if (window is null || !SlaClock.TryParseDay(window.Day, out _) || !SlaClock.TryParseTime(window.Open, out var open)
                || !SlaClock.TryParseTime(window.Close, out var close) || open >= close)
            {
                throw DomainException.Validation($"{at}.businessHours", "Each window needs a weekday name and open before close as \"HH:mm\".");
            }
        }

        if (hours.Select(static w => w.Day.ToUpperInvariant()).Distinct().Count() != hours.Count)
        {
            throw DomainException.Validation($"{at}.businessHours", "One window per weekday.");
        }

        var escalations = rule.Escalations ?? [];
        if (escalations.Count > MaxEscalations || escalations.Any(static e => e is null || e.Level < 1 || e.AfterMinutes < 1 || string.IsNullOrWhiteSpace(e.Target))
            || escalations.Select(static e => e.Level).Distinct().Count() != escalations.Count)
        {
            throw DomainException.Validation($"{at}.escalations", $"At most {MaxEscalations} escalations, each with a distinct level ≥ 1, afterMinutes ≥ 1 and a target.");
        }

        return rule with
        {
            Priority = priority,
            WarningPercent = warning,
            BusinessHours = hours.Count == 0 ? null : hours,
            Escalations = [.. escalations.OrderBy(static e => e.Level)],
        };
    }
}
