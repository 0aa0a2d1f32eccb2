using Vrps.Grains.Rules;
using Vrps.Interfaces;
using Vrps.Interfaces.Consumers;

namespace Vrps.Grains.Consumers;

/// <summary>
/// A consumer's record (R12): what a new person's record holds, how a vehicle joins it (one default), and its view.
/// The consumer grain keeps it; a claim by a new person has it written by the identity's grain, in the commit that
/// binds the identity. It has no grain-index row: nothing lists consumers.
/// </summary>
public static class ConsumerRecord
{
    /// <summary>The consumer's storage state name (its <c>[PersistentState]</c>).</summary>
    public const string StateName = "consumer";

    /// <summary>A person known by <paramref name="identity"/> only, with <paramref name="plate"/> as their one vehicle.</summary>
    public static ConsumerState OfClaimant(ConsumerIdentity identity, string plate, DateTimeOffset now)
    {
        var record = new ConsumerState { Identities = ConsumerIdentityRules.Add([], identity), CreatedAt = now };
        UpsertVehicle(record, Plates.Normalize(plate), null, makeDefault: false);
        return record;
    }

    /// <summary>Adds the vehicle or updates it; the first vehicle, or one made default, is the only default.</summary>
    public static void UpsertVehicle(ConsumerState record, string normalizedPlate, string? description, bool makeDefault)
    {
        ArgumentNullException.ThrowIfNull(record);
        var vehicles = record.Vehicles;
        var existing = vehicles.FindIndex(v => v.Plate == normalizedPlate);
        var isDefault = makeDefault || vehicles.Count == 0 || (existing >= 0 && vehicles[existing].IsDefault);
        if (isDefault)
        {
            record.Vehicles = vehicles = vehicles.Select(static v => v with { IsDefault = false }).ToList();
        }

        if (existing >= 0)
        {
            vehicles[existing] = vehicles[existing] with { Description = description ?? vehicles[existing].Description, IsDefault = isDefault };
        }
        else
        {
            vehicles.Add(new Vehicle(Guid.NewGuid(), normalizedPlate, description, isDefault));
        }
    }

    public static ConsumerView View(Guid id, ConsumerState record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(id, record.Name, record.Identities.ToArray(), record.Vehicles.ToArray(), record.CreatedAt);
    }
}
