
namespace Vrps.Interfaces.Money;

/// <summary>
/// A customer's ledger (R15), keyed by the customer id. Its single activation serialises payouts, so a transaction is
/// never paid out twice.
/// </summary>
public interface ICustomerLedgerGrain : IGrainWithGuidKey
{
    /// <summary>Pays out every settled transaction not yet paid out; refuses with nothing_to_pay_out when there is none.</summary>
    Task<PayoutView> PayOutAsync(Actor actor);
}
