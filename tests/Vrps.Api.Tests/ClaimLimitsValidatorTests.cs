using Vrps.Api.Auth;

namespace Vrps.Api.Tests;

public sealed class ClaimLimitsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds() => Assert.True(new ClaimLimitsValidator().Validate(null, new ClaimLimits()).Succeeded);

    [Fact]
    public void Validate_KnownProxyNotAnAddressOrNetwork_FailsNamingIt()
    {
        var result = new ClaimLimitsValidator().Validate(null, new ClaimLimits { KnownProxies = ["10.0.0.0/8", "proxy.example"] });

        Assert.True(result.Failed);
        Assert.Contains("proxy.example", result.FailureMessage, StringComparison.Ordinal);
    }
}
