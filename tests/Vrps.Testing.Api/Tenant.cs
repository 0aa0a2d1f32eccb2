using Vrps.Interfaces;

namespace Vrps.Testing.Api;

/// <summary>A customer with one of everything, and a key of every role bound to it.</summary>
public sealed record Tenant(
    Guid CustomerId,
    Guid PropertyId,
    Guid LotId,
    Guid UnitId,
    Guid UserId,
    Guid CompanyId,
    Guid OperatorKeyId,
    Guid WebhookId,
    Guid ConsumerId,
    Guid PassTypeId,
    Guid OfferId,
    Guid PassId,
    IReadOnlyDictionary<string, string> Keys,
    Guid TicketId,
    Guid ReservationId,
    Guid AmenityId,
    Guid BookingId)
{
    public static async Task<Tenant> CreateAsync(ApiSilo silo, string name)
    {
        var admin = silo.Client;
        var customer = (await admin.PostOkAsync("/api/customers", new { name = $"{name} Management" })).Id();
        var property = (await admin.PostOkAsync($"/api/customers/{customer}/properties", new { name = $"{name} Tower", timezone = "Europe/Paris" })).Id();
        var lot = (await admin.PostOkAsync($"/api/properties/{property}/lots", new { name = $"{name} Main Lot", capacity = 50, mode = "both" })).Id();
        var unit = (await admin.PostOkAsync($"/api/properties/{property}/units", new { name = "Unit 4B", maxConcurrentPasses = 3 })).Id();
        var user = (await admin.PostOkAsync($"/api/customers/{customer}/users", new { email = $"manager@{name.ToLowerInvariant()}.example", name = "Mia Manager" })).Id();
        await admin.PutOkAsync($"/api/units/{unit}/managers/{user}");
        await admin.PutOkAsync($"/api/units/{unit}/lots/{lot}");
        var company = (await admin.PostOkAsync("/api/enforcement-companies", new { name = $"{name} Patrol" })).Id();
        await admin.PutOkAsync($"/api/enforcement-companies/{company}/properties/{property}");

        // Only its existence matters here: a rare event type keeps other suites' tenants from posting to a closed port.
        var webhook = (await admin.PostOkAsync("/api/webhooks", new { url = "http://127.0.0.1:9/hooks", eventTypes = new[] { "customer.deleted" }, customerId = customer })).Id();
        var operatorKey = await admin.PostOkAsync("/api/api-keys", new { name = "ops", role = Roles.Operator, customerId = customer });
        var consumer = (await admin.PostOkAsync("/api/consumers", new { name = $"{name} Driver" })).Id();
        var keys = new Dictionary<string, string>
        {
            [Roles.Operator] = operatorKey.GetProperty("key").GetString()!,
            [Roles.Manager] = await KeyAsync(admin, new { name = "mgr", role = Roles.Manager, userId = user }),
            [Roles.Enforcement] = await KeyAsync(admin, new { name = "patrol", role = Roles.Enforcement, enforcementCompanyId = company }),
            [Roles.Consumer] = await KeyAsync(admin, new { name = "driver", role = Roles.Consumer, consumerId = consumer }),
        };
        var passType = (await admin.PostOkAsync($"/api/lots/{lot}/pass-types", new
        {
            name = "Visitor",
            terms = new { rateStructure = "flat", amountCents = 300, duration = new { kind = "hours", value = 4 } },
        })).Id();
        var offer = await admin.PostOkAsync($"/api/lots/{lot}/offers", new { kind = "claim_code", passTypeId = passType, unitId = unit });
        using var anonymous = silo.CreateClient(null);
        var pass = (await anonymous.PostOkAsync("/api/claims", new { code = offer.GetProperty("code").GetString(), lotId = lot, phone = $"+1777{Math.Abs(name.GetHashCode(StringComparison.Ordinal)) % 10_000_000:D7}", plate = $"{name[..Math.Min(name.Length, 6)]}1" })).Id();
        var ticket = (await admin.PostOkAsync($"/api/properties/{property}/tickets", new { category = "PC-PLUMBING", priority = "normal", title = "Leaking tap", unitId = unit })).Id();
        var reservation = (await admin.PostOkAsync($"/api/properties/{property}/reservations", new { guestName = $"{name} Guest", checkIn = DateTimeOffset.UtcNow.AddDays(400), checkOut = DateTimeOffset.UtcNow.AddDays(403), channel = "direct" })).Id();
        var amenity = (await admin.PostOkAsync($"/api/properties/{property}/amenities", new
        {
            name = "Gym",
            openingHours = new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" }.ToDictionary(static d => d, static _ => new[] { new { open = "00:00", close = "24:00" } }),
            slotMinutes = 60,
            capacityPerSlot = 4,
        })).Id();
        var hour = DateTimeOffset.UtcNow;
        var booked = new DateTimeOffset(hour.Year, hour.Month, hour.Day, hour.Hour, 0, 0, TimeSpan.Zero).AddDays(2);
        var booking = (await admin.PostOkAsync($"/api/amenities/{amenity}/bookings", new { unitId = unit, resident = $"{name} Resident", start = booked, end = booked.AddHours(1) })).Id();
        return new Tenant(customer, property, lot, unit, user, company, operatorKey.Id(), webhook, consumer, passType, offer.Id(), pass, keys, ticket, reservation, amenity, booking);
    }

    private static async Task<string> KeyAsync(HttpClient admin, object body) =>
        (await admin.PostOkAsync("/api/api-keys", body)).GetProperty("key").GetString()!;
}
