namespace Vrps.Interfaces.Money;

/// <summary>Index kinds of the money rows: both are listed under their customer (parent and tenant).</summary>
public static class MoneyIndexKinds
{
    public const string Transaction = "transaction";
    public const string Payout = "payout";
}
