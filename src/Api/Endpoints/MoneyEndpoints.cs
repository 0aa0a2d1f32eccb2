using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vrps.Api.Auth;
using Vrps.Api.Paging;
using Vrps.Interfaces;
using Vrps.Interfaces.Money;
using Vrps.Postgres.Index;

namespace Vrps.Api.Endpoints;

/// <summary>Transactions and payouts (R15): the customer's operators and platform admins only. No processor is called.</summary>
public static class MoneyEndpoints
{
    public static IEndpointRouteBuilder MapMoneyEndpoints(this IEndpointRouteBuilder routes)
    {
        var customers = routes.MapGroup("/api/customers").WithTags("Money");
        customers.MapGet("/{id:guid}/transactions", ListTransactionsAsync).WithName("ListTransactions")
            .WithSummary("The customer's transactions, one per charged pass, paged; status settled or paid_out").WithProblems();
        customers.MapPost("/{id:guid}/payouts", CreatePayoutAsync).WithName("CreatePayout")
            .WithSummary("Pay out every settled transaction not paid out yet; 422 nothing_to_pay_out when there is none").WithProblems(422);
        customers.MapGet("/{id:guid}/payouts", ListPayoutsAsync).WithName("ListPayouts").WithSummary("The customer's payouts, paged").WithProblems();
        routes.MapGroup("/api/payouts").WithTags("Money")
            .MapGet("/{id:guid}", GetPayoutAsync).WithName("GetPayout").WithSummary("Read a payout and the transactions it paid").WithProblems();
        return routes;
    }

    private static async Task<Ok<Page<TransactionView>>> ListTransactionsAsync(
        Guid id, int? limit, string? cursor, ApiPrincipal principal, Access access, GrainIndex index)
    {
        await ReadAsync(principal, access, id);
        return TypedResults.Ok(await PageRequest.ReadAsync<TransactionView>(index, MoneyIndexKinds.Transaction, id.ToString("D"), null, limit, cursor));
    }

    private static async Task<Created<PayoutView>> CreatePayoutAsync(Guid id, ApiPrincipal principal, Access access, IGrainFactory grains)
    {
        await access.CustomerAsync(principal, id, Need.Write);
        var payout = await grains.GetGrain<ICustomerLedgerGrain>(id).PayOutAsync(principal.Actor);
        return TypedResults.Created($"/api/payouts/{payout.Id}", payout);
    }

    private static async Task<Ok<Page<PayoutView>>> ListPayoutsAsync(
        Guid id, int? limit, string? cursor, ApiPrincipal principal, Access access, GrainIndex index)
    {
        await ReadAsync(principal, access, id);
        return TypedResults.Ok(await PageRequest.ReadAsync<PayoutView>(index, MoneyIndexKinds.Payout, id.ToString("D"), null, limit, cursor));
    }

    private static async Task<Ok<PayoutView>> GetPayoutAsync(Guid id, ApiPrincipal principal, Access access, GrainIndex index)
    {
        var row = await index.FindAsync(MoneyIndexKinds.Payout, id.ToString("D")) ?? throw DomainException.NotFound("Payout", id);
        var payout = row.Deserialize<PayoutView>(VrpsJson.Options)!;
        try
        {
            await ReadAsync(principal, access, payout.CustomerId);
        }
        catch (DomainException refused) when (refused.Kind == DomainErrorKind.NotFound)
        {
            // Out of reach reads as missing, without naming the customer.
            throw DomainException.NotFound("Payout", id);
        }

        return TypedResults.Ok(payout);
    }

    /// <summary>Money is the customer's business: its operators and platform admins; every other key finds nothing.</summary>
    private static async Task ReadAsync(ApiPrincipal principal, Access access, Guid customerId)
    {
        await access.CustomerAsync(principal, customerId, Need.Read);
        if (!principal.IsAdmin && principal.Role != Roles.Operator)
        {
            throw DomainException.NotFound("Customer", customerId);
        }
    }
}
