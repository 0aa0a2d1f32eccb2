using System.Globalization;

namespace Vrps.Api.Tests;

/// <summary>
/// How much bigger the fault tests run than their CI form: <c>VRPS_FAULT_SCALE=20 dotnet test … --filter …</c> runs
/// the long form (twenty times the claims, capacity and fuzzed requests). Unset or invalid means 1.
/// </summary>
internal static class FaultScale
{
    public static int Factor { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("VRPS_FAULT_SCALE"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var factor)
            ? Math.Clamp(factor, 1, 1000)
            : 1;
}
