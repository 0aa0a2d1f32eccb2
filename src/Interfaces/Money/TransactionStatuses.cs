namespace Vrps.Interfaces.Money;

public static class TransactionStatuses
{
    /// <summary>Charged and owed to the customer.</summary>
    public const string Settled = "settled";

    /// <summary>Included in a payout; never paid again.</summary>
    public const string PaidOut = "paid_out";

    /// <summary>Every value, for the API document's enums.</summary>
    public static IReadOnlyList<string> All { get; } = [Settled, PaidOut];
}
