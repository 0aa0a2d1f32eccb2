using System.Reflection;
using Vrps.Grains.Amenities;
using Vrps.Grains.Passes;
using Vrps.Grains.Tickets;
using Vrps.Interfaces;
using Vrps.Interfaces.Amenities;
using Vrps.Interfaces.Events;
using Vrps.Interfaces.Passes;

namespace Vrps.Api.Tests;

/// <summary>Issue 9: the event types grains can raise, walked against the documented list, without a silo.</summary>
public sealed class EventTypesTests
{
    private static readonly HashSet<string> Documented = [.. TenantEvents.Types];

    [Fact]
    public void Types_EveryEventTypeConstant_IsDocumentedExactlyOnce()
    {
        var constants = Constants(typeof(EventTypes));

        Assert.Equal(constants.Order(StringComparer.Ordinal), TenantEvents.Types.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void PassEventType_EveryLegalMove_IsDocumented()
    {
        foreach (var (action, next) in LegalMoves(PassTransitions.Actions, Constants(typeof(PassStatuses)), PassTransitions.Next))
        {
            Assert.Contains(PassTransitions.EventType(action, next), Documented);

            // A move that lands past the pass's end is announced as its expiry.
            Assert.Equal(EventTypes.PassExpired, PassTransitions.EventType(action, PassStatuses.Expired));
        }
    }

    [Fact]
    public void PassEventType_Resume_IsPassResumedNotTheStatusReached()
    {
        var next = PassTransitions.Next(PassStatuses.Suspended, PassTransitions.Resume);

        Assert.Equal(EventTypes.PassResumed, PassTransitions.EventType(PassTransitions.Resume, next));
    }

    [Fact]
    public void TicketEventType_EveryAction_IsDocumented()
    {
        Assert.All(TicketTransitions.Actions, action => Assert.Contains(TicketTransitions.EventType(action), Documented));
    }

    [Fact]
    public void BookingEventsFor_EveryStatus_IsDocumented()
    {
        Assert.All(Constants(typeof(BookingStatuses)), status => Assert.Contains(BookingEvents.For(status), Documented));
    }

    private static List<string> Constants(Type type) =>
        [.. type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(static f => f is { IsLiteral: true } && f.FieldType == typeof(string))
            .Select(static f => (string)f.GetRawConstantValue()!)];

    private static IEnumerable<(string Action, string Next)> LegalMoves(
        IEnumerable<string> actions, IReadOnlyList<string> statuses, Func<string, string, string> next)
    {
        foreach (var action in actions)
        {
            foreach (var status in statuses)
            {
                string reached;
                try
                {
                    reached = next(status, action);
                }
                catch (DomainException)
                {
                    continue;
                }

                yield return (action, reached);
            }
        }
    }
}
