using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Vrps.Testing;

namespace Vrps.Api.Tests;

/// <summary>
/// Issue 9: the document lists exactly the fields the server requires in each request body, and the server answers a
/// body missing one with 400 validation_failed naming it — never a binder error, a 2xx or a 5xx.
/// </summary>
public sealed partial class RequiredFieldsApiTests : IAsyncLifetime
{
    private ApiSilo silo = null!;
    private JsonNode document = null!;

    public async Task InitializeAsync()
    {
        silo = await ApiSilo.StartAsync(await TestPostgres.CreateDatabaseAsync("required"));
        document = JsonNode.Parse(await silo.Client.GetStringAsync("/swagger/v1/swagger.json"))!;
    }

    public async Task DisposeAsync() => await silo.DisposeAsync();

    public static TheoryData<string, string[]> KnownOperations => new()
    {
        { "CreateCustomer", ["name"] },
        { "CreateProperty", ["name", "timezone"] },
        { "CreateUser", ["email", "name"] },
        { "CreateLot", ["name", "capacity"] },
        { "CreateUnit", ["name", "maxConcurrentPasses"] },
        { "CreateEnforcementCompany", ["name"] },
        { "CreateApiKey", ["role"] },
        { "CreatePassType", ["name", "terms"] },
        { "SetPassTypeTerms", ["rateStructure", "duration"] },
        { "CreateOffer", ["kind", "passTypeId"] },
        { "IssueDirectPass", ["plate"] },
        { "Claim", ["lotId", "plate"] },
        { "RecordScan", ["lotId", "plate"] },
        { "RecordViolation", ["lotId", "plate", "reason"] },
        { "CreateConsumer", [] },
        { "AddConsumerIdentity", ["kind", "value"] },
        { "AddConsumerVehicle", ["plate"] },
        { "CreateAmenity", ["name", "openingHours", "slotMinutes", "capacityPerSlot"] },
        { "CreateBooking", ["unitId", "resident", "start", "end"] },
        { "CreateTicket", ["category", "priority", "title"] },
        { "PatchTicket", ["priority"] },
        { "AssignTicket", ["assignee"] },
        { "PutSlaPolicies", ["rules"] },
        { "CreateReservation", ["guestName", "checkIn", "checkOut", "channel"] },
        { "SetTouchpointSchedule", ["touchpoints"] },
        { "ReviewReservation", ["rating"] },
        { "LogTouchpoint", ["type", "channel"] },
        { "GrantEnforcementScope", [] },
        { "CreateWebhook", ["url", "eventTypes"] },
    };

    [Theory]
    [MemberData(nameof(KnownOperations))]
    public void Document_KnownOperation_RequiresExactlyTheFieldsTheServerRefusesWithout(string operationId, string[] required)
    {
        var schema = RequestBodies.Operations(document).Single(o => o.OperationId == operationId).Schema;

        Assert.Equal(required.Order(StringComparer.Ordinal), RequestBodies.Required(schema).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Document_ConditionalFields_StayOptionalAndSayWhenTheyAreRequired()
    {
        var schemas = document["components"]!["schemas"]!;

        Assert.DoesNotContain("capacity", RequestBodies.Required(schemas["CreateOfferRequest"]!.AsObject()));
        Assert.Contains("group", schemas["CreateOfferRequest"]!["properties"]!["capacity"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("phone", RequestBodies.Required(schemas["ClaimBody"]!.AsObject()));
        Assert.Contains("phone or email", schemas["ClaimBody"]!["properties"]!["phone"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryOperationWithRequiredFields_BodyLackingOne_AnswersValidationFailedNamingIt()
    {
        var t = await Tenant.CreateAsync(silo, "Required");
        var operations = RequestBodies.Operations(document).Where(static o => RequestBodies.Required(o.Schema).Count > 0).ToList();
        var failures = new List<string>();
        foreach (var (method, path, operationId, schema) in operations)
        {
            var url = Parameter().Replace(path, match => PathId(match.Groups["name"].Value, path, t).ToString());
            var complete = RequestBodies.WithRequired(document, schema);
            var bodies = RequestBodies.Required(schema)
                .Select(name => (Missing: (string?)name, Body: Without(complete, name)))
                .Prepend((Missing: null, Body: new JsonObject()));
            foreach (var (missing, body) in bodies)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
                using var response = await silo.Client.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                var errors = response.StatusCode == HttpStatusCode.BadRequest && JsonNode.Parse(text) is JsonObject problem
                    && problem["code"]?.GetValue<string>() == "validation_failed" && problem["errors"] is JsonObject named
                    ? named.Select(static e => e.Key).ToList()
                    : null;
                var expected = missing is null ? RequestBodies.Required(schema) : [missing];
                if (errors is null || !expected.Any(errors.Contains))
                {
                    failures.Add($"{operationId} {method} {url} without {missing ?? "everything"} -> {(int)response.StatusCode} {text}");
                }
            }
        }

        Assert.True(operations.Count >= 25, $"expected most request bodies to declare required fields, found {operations.Count}");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static JsonObject Without(JsonObject complete, string name)
    {
        var body = complete.DeepClone().AsObject();
        body.Remove(name);
        return body;
    }

    /// <summary>Real ids of the tenant, so a body that passed the check would reach the real endpoint.</summary>
    private static Guid PathId(string name, string path, Tenant t) => (name, path.Split('/', StringSplitOptions.RemoveEmptyEntries)[1]) switch
    {
        ("id", "customers") => t.CustomerId,
        ("id", "properties") => t.PropertyId,
        ("id", "lots") => t.LotId,
        ("id", "units") => t.UnitId,
        ("id", "offers") => t.OfferId,
        ("id", "pass-types") => t.PassTypeId,
        ("id", "consumers") => t.ConsumerId,
        ("id", "amenities") => t.AmenityId,
        ("id", "tickets") => t.TicketId,
        ("id", "reservations") => t.ReservationId,
        ("id", "enforcement-companies") => t.CompanyId,
        ("propertyId", _) => t.PropertyId,
        _ => throw new InvalidOperationException($"The walk does not know what {{{name}}} of {path} is: teach it in {nameof(PathId)}."),
    };

    [GeneratedRegex(@"\{(?<name>[A-Za-z]+)\}")]
    private static partial Regex Parameter();
}
