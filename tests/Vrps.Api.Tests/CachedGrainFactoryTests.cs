using Microsoft.Extensions.DependencyInjection;
using Vrps.Grains.Common;
using Vrps.Interfaces.Lots;
using Vrps.Interfaces.Occupancy;
using Vrps.Testing;

namespace Vrps.Api.Tests;

/// <summary>
/// The silo's grain factory resolves each interface's grain type once: the references it builds must name the same
/// grain, through the same interface, as Orleans' own resolution, and calls through them must reach that grain.
/// </summary>
public sealed class CachedGrainFactoryTests : IAsyncLifetime
{
    private ApiSilo silo = null!;

    public async Task InitializeAsync() => silo = await ApiSilo.StartAsync(await TestPostgres.CreateDatabaseAsync("cached_grain_factory"));

    public async Task DisposeAsync() => await silo.DisposeAsync();

    [Fact]
    public async Task References_NameTheGrainOrleansResolves_AndReachIt()
    {
        var grains = silo.Services.GetRequiredService<IGrainFactory>();
        Assert.IsType<CachedGrainFactory>(grains);
        var t = await Tenant.CreateAsync(silo, "Cached");

        foreach (var round in new[] { "first (resolves)", "second (cached)" })
        {
            var cached = (GrainReference)(object)grains.GetGrain<ILotGrain>(t.LotId);
            var resolved = (GrainReference)(object)grains.GetGrain(typeof(ILotGrain), t.LotId);
            Assert.True(cached.GetGrainId() == resolved.GetGrainId(), round);
            Assert.True(cached.InterfaceType == resolved.InterfaceType, round);
            Assert.Equal(t.LotId, (await grains.GetGrain<ILotGrain>(t.LotId).GetAsync()).Id);
            Assert.Equal(t.LotId, (await grains.GetGrain<ILotOccupancyGrain>(t.LotId).GetAsync()).Id);
        }
    }
}
