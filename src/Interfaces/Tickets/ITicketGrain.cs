
namespace Vrps.Interfaces.Tickets;

public interface ITicketGrain : IGrainWithGuidKey
{
    Task<TicketView> CreateAsync(CreateTicket command, Actor actor);

    [ReadOnly]
    Task<TicketView> GetAsync();

    /// <summary>assign (with <paramref name="assignee"/>), start, hold, resume, resolve, close, reopen or cancel.</summary>
    Task<TicketView> ActAsync(string action, string? assignee, Actor actor);

    /// <summary>Takes the policy of the new priority and moves the clocks' reminders.</summary>
    Task<TicketView> ChangePriorityAsync(string priority, Actor actor);
}
