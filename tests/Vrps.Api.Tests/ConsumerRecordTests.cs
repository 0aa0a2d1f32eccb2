using Vrps.Grains.Consumers;
using Vrps.Grains.Rules;
using Vrps.Interfaces.Consumers;

namespace Vrps.Api.Tests;

/// <summary>R12: a new claimant's record and how vehicles join a record (exactly one default).</summary>
public sealed class ConsumerRecordTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void OfClaimant_HoldsTheIdentity_AndThePlateNormalizedAsTheDefaultVehicle()
    {
        var identity = new ConsumerIdentity(ConsumerIdentityRules.Phone, "+15551234567", Verified: false, Preferred: true);

        var record = ConsumerRecord.OfClaimant(identity, "ab-12 cd", Now);

        Assert.Equal([identity], record.Identities);
        var vehicle = Assert.Single(record.Vehicles);
        Assert.Equal((Plates.Normalize("ab-12 cd"), true), (vehicle.Plate, vehicle.IsDefault));
        Assert.Equal(Now, record.CreatedAt);
    }

    [Fact]
    public void UpsertVehicle_KeepsOneDefault_AndUpdatesAKnownPlateInPlace()
    {
        var record = new ConsumerState();
        ConsumerRecord.UpsertVehicle(record, "ONE1", null, makeDefault: false);
        ConsumerRecord.UpsertVehicle(record, "TWO2", "blue van", makeDefault: false);
        ConsumerRecord.UpsertVehicle(record, "TWO2", null, makeDefault: true);

        Assert.Equal([("ONE1", false, null), ("TWO2", true, "blue van")], record.Vehicles.Select(static v => (v.Plate, v.IsDefault, v.Description)).ToList());
    }
}
