
namespace Vrps.Interfaces.Tickets;

/// <summary>A customer's SLA rules; keyed by the customer id.</summary>
public interface ISlaPolicyGrain : IGrainWithGuidKey
{
    [ReadOnly]
    Task<SlaPolicyView> GetAsync();

    Task<SlaPolicyView> ReplaceAsync(Guid customerId, IReadOnlyList<SlaRule> rules, Actor actor);

    /// <summary>The most specific rule for the category and priority, or the built-in default for the priority.</summary>
    [ReadOnly]
    Task<SlaRule> MatchAsync(string category, string priority);
}
