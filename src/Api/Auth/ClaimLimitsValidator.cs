using Microsoft.Extensions.Options;

namespace Vrps.Api.Auth;

internal sealed class ClaimLimitsValidator : IValidateOptions<ClaimLimits>
{
    public ValidateOptionsResult Validate(string? name, ClaimLimits options)
    {
        var failures = new List<string>();
        if (options.PermitsPerWindow < 1)
        {
            failures.Add($"{ClaimLimits.Section}:PermitsPerWindow must be at least 1.");
        }

        if (options.Window <= TimeSpan.Zero)
        {
            failures.Add($"{ClaimLimits.Section}:Window must be positive.");
        }

        foreach (var entry in options.KnownProxies)
        {
            if (!TrustedProxies.TryParseNetwork(entry, out _))
            {
                failures.Add($"{ClaimLimits.Section}:KnownProxies: '{entry}' is neither an IP address nor a CIDR network such as 10.0.0.0/8.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
