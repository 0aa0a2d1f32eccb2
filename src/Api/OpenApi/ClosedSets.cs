using Vrps.Api.Requests;
using Vrps.Grains.Customers;
using Vrps.Grains.Reservations;
using Vrps.Grains.Rules;
using Vrps.Interfaces;
using Vrps.Interfaces.Amenities;
using Vrps.Interfaces.ApiKeys;
using Vrps.Interfaces.Customers;
using Vrps.Interfaces.Lots;
using Vrps.Interfaces.Money;
using Vrps.Interfaces.Occupancy;
using Vrps.Interfaces.Offers;
using Vrps.Interfaces.Passes;
using Vrps.Interfaces.PassTypes;
using Vrps.Interfaces.Reservations;
using Vrps.Interfaces.Tickets;
using Vrps.Interfaces.Webhooks;

namespace Vrps.Api.OpenApi;

/// <summary>
/// The string properties whose values form a closed set, and the constants that set is declared by, so the API
/// document lists them as enums. The wire stays a string (clients keep working when a value is added); the
/// document only names the values the server sends and accepts today.
/// </summary>
internal static class ClosedSets
{
    private static readonly IReadOnlyList<string> JourneyStageValues = [.. JourneyStages.Order, JourneyStages.Cancelled];

    private static readonly Dictionary<(Type Type, string Property), IReadOnlyList<string>> Sets = new()
    {
        [(typeof(LotView), nameof(LotView.Mode))] = LotModes.All,
        [(typeof(CreateLotRequest), nameof(CreateLotRequest.Mode))] = LotModes.All,
        [(typeof(OfferView), nameof(OfferView.Kind))] = OfferKinds.All,
        [(typeof(CreateOfferRequest), nameof(CreateOfferRequest.Kind))] = OfferKinds.All,
        [(typeof(OfferView), nameof(OfferView.Status))] = OfferStatuses.All,
        [(typeof(PassView), nameof(PassView.Status))] = PassStatuses.All,
        [(typeof(PassSummary), nameof(PassSummary.Status))] = PassStatuses.All,
        [(typeof(Terms), nameof(Terms.RateStructure))] = TermsRules.RateStructures,
        [(typeof(TermsRequest), nameof(TermsRequest.RateStructure))] = TermsRules.RateStructures,
        [(typeof(DurationRule), nameof(DurationRule.Kind))] = TermsRules.DurationKinds,
        [(typeof(QuotaRule), nameof(QuotaRule.Kind))] = TermsRules.QuotaKinds,
        [(typeof(CustomerView), nameof(CustomerView.Status))] = CustomerStatuses.All,
        [(typeof(ApiKeyView), nameof(ApiKeyView.Role))] = Roles.All,
        [(typeof(ApiKeyCreated), nameof(ApiKeyCreated.Role))] = Roles.All,
        [(typeof(CreateApiKeyRequest), nameof(CreateApiKeyRequest.Role))] = Roles.All,
        [(typeof(BookingView), nameof(BookingView.Status))] = BookingStatuses.All,
        [(typeof(TicketView), nameof(TicketView.Status))] = TicketStatuses.All,
        [(typeof(TicketView), nameof(TicketView.Priority))] = TicketPriorities.All,
        [(typeof(TicketCreateRequest), nameof(TicketCreateRequest.Priority))] = TicketPriorities.All,
        [(typeof(TicketPatchRequest), nameof(TicketPatchRequest.Priority))] = TicketPriorities.All,
        [(typeof(TouchpointTicketRequest), nameof(TouchpointTicketRequest.Priority))] = TicketPriorities.All,
        [(typeof(TransactionView), nameof(TransactionView.Status))] = TransactionStatuses.All,
        [(typeof(WebhookView), nameof(WebhookView.Status))] = WebhookStatuses.All,
        [(typeof(WebhookCreated), nameof(WebhookCreated.Status))] = WebhookStatuses.All,
        [(typeof(WebhookDeliveryView), nameof(WebhookDeliveryView.Status))] = WebhookDeliveryStatuses.All,
        [(typeof(ReservationView), nameof(ReservationView.Stage))] = JourneyStageValues,
        [(typeof(JourneyView), nameof(JourneyView.Stage))] = JourneyStageValues,
        [(typeof(UpcomingStage), nameof(UpcomingStage.Stage))] = JourneyStageValues,
        [(typeof(ScheduledTouchpoint), nameof(ScheduledTouchpoint.Channel))] = TouchpointRules.Channels,
        [(typeof(TouchpointRule), nameof(TouchpointRule.Channel))] = TouchpointRules.Channels,
        [(typeof(TouchpointRuleRequest), nameof(TouchpointRuleRequest.Channel))] = TouchpointRules.Channels,
    };

    public static IReadOnlyList<string>? Of(Type type, string property) => Sets.GetValueOrDefault((type, property));
}
