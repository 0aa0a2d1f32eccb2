using Microsoft.Extensions.DependencyInjection;
using Vrps.Postgres.Deadlines;

namespace Vrps.Grains.Common;

/// <summary>
/// The clock of the product's rules (expiries, SLA clocks, holds). It is the <see cref="TimeProvider"/> registered
/// under <see cref="Key"/> when there is one (a test's fake clock), else the silo's own: the silo keeps running its
/// membership and timers on real time, which a test must not freeze.
/// </summary>
public static class BusinessTime
{
    public const string Key = DeadlineSiloBuilderExtensions.BusinessTimeKey;

    public static TimeProvider From(IServiceProvider services) =>
        services.GetKeyedService<TimeProvider>(Key) ?? services.GetRequiredService<TimeProvider>();
}
