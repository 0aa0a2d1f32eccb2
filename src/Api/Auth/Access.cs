using Vrps.Interfaces;
using Vrps.Interfaces.Customers;
using Vrps.Interfaces.Enforcement;
using Vrps.Interfaces.Lots;
using Vrps.Interfaces.Offers;
using Vrps.Interfaces.Passes;
using Vrps.Interfaces.PassTypes;
using Vrps.Interfaces.Properties;
using Vrps.Interfaces.Units;
using Vrps.Interfaces.Users;

namespace Vrps.Api.Auth;

/// <summary>
/// Authorization up the ownership tree (R1, P3). A resource outside the caller's reach answers 404 exactly like a
/// missing one, so existence never leaks across tenants; a visible resource the role may not change answers 403.
/// </summary>
public sealed class Access(IGrainFactory grains)
{
    public async Task<CustomerView> CustomerAsync(ApiPrincipal principal, Guid id, Need need)
    {
        var customer = await grains.GetGrain<ICustomerGrain>(id).GetAsync();
        await RequireAsync(principal, new Reach("Customer", id, customer.Id, null, null, null), need);
        return customer;
    }

    public async Task<PropertyView> PropertyAsync(ApiPrincipal principal, Guid id, Need need)
    {
        var property = await grains.GetGrain<IPropertyGrain>(id).GetAsync();
        await RequireAsync(principal, new Reach("Property", id, property.CustomerId, property.Id, null, null), need);
        return property;
    }

    public async Task<LotView> LotAsync(ApiPrincipal principal, Guid id, Need need)
    {
        var lot = await grains.GetGrain<ILotGrain>(id).GetAsync();
        await RequireAsync(principal, new Reach("Lot", id, lot.CustomerId, lot.PropertyId, lot.Id, null), need);
        return lot;
    }

    public async Task<UnitView> UnitAsync(ApiPrincipal principal, Guid id, Need need)
    {
        var unit = await grains.GetGrain<IUnitGrain>(id).GetAsync();
        await RequireAsync(principal, new Reach("Unit", id, unit.CustomerId, unit.PropertyId, null, unit.Id), need);
        return unit;
    }

    public async Task<PassTypeView> PassTypeAsync(ApiPrincipal principal, Guid id, Need need)
    {
        var passType = await grains.GetGrain<IPassTypeGrain>(id).GetAsync();
        await RequireAsync(principal, new Reach("Pass type", id, passType.CustomerId, passType.PropertyId, passType.LotId, null), need);
        return passType;
    }

    /// <summary>Offers bound to a unit may also be run by that unit's managers (R6: managers issue passes for their units).</summary>
    public async Task<OfferView> OfferAsync(ApiPrincipal principal, Guid id, Need need)
    {
        var offer = await grains.GetGrain<IOfferGrain>(id).GetAsync();
        await RequireAsync(principal, new Reach("Offer", id, offer.CustomerId, offer.PropertyId, offer.LotId, null), need, offer.UnitId);
        return offer;
    }

    /// <summary>A consumer reads (and may cancel) their own passes; managers act on their units' passes.</summary>
    public async Task<PassView> PassAsync(ApiPrincipal principal, Guid id, Need need)
    {
        var pass = await grains.GetGrain<IPassGrain>(id).FindAsync() ?? throw DomainException.NotFound("Pass", id);
        if (principal.Role == Roles.Consumer)
        {
            return principal.ConsumerId == pass.ConsumerId && need != Need.Admin ? pass : throw DomainException.NotFound("Pass", id);
        }

        var reach = pass.UnitId is { } unitId
            ? new Reach("Pass", id, pass.CustomerId, pass.PropertyId, null, unitId)
            : new Reach("Pass", id, pass.CustomerId, pass.PropertyId, pass.LotId, null);
        await RequireAsync(principal, reach, need, pass.UnitId);
        return pass;
    }

    /// <summary>Whether a manager key manages the unit (for acts on unit-bound offers and passes).</summary>
    public async Task<bool> ManagesAsync(ApiPrincipal principal, Guid unitId)
    {
        if (principal.Role != Roles.Manager || principal.UserId is not { } userId)
        {
            return false;
        }

        try
        {
            return (await grains.GetGrain<IUserGrain>(userId).GetAsync()).ManagedUnitIds.Contains(unitId);
        }
        catch (DomainException)
        {
            return false;
        }
    }

    /// <summary>Whether a list item is visible to the caller (lists of a visible parent are filtered, not refused).</summary>
    public async Task<bool> CanSeeAsync(ApiPrincipal principal, Guid customerId, Guid? propertyId, Guid? lotId, Guid? unitId) =>
        await VisibleAsync(principal, new Reach("", Guid.Empty, customerId, propertyId, lotId, unitId));

    private async Task RequireAsync(ApiPrincipal principal, Reach reach, Need need, Guid? managedUnit = null)
    {
        if (!await VisibleAsync(principal, reach) && !(managedUnit is { } visibleUnit && await ManagesAsync(principal, visibleUnit)))
        {
            throw DomainException.NotFound(reach.Kind, reach.Id);
        }

        var allowed = need switch
        {
            Need.Read => true,
            Need.Write => principal.IsAdmin || principal.Role == Roles.Operator
                || (managedUnit is { } unitId && await ManagesAsync(principal, unitId)),
            _ => principal.IsAdmin,
        };
        if (!allowed)
        {
            throw new DomainException(
                "forbidden", $"A {principal.Role} key may not do this to {reach.Kind.ToLowerInvariant()} {reach.Id}.", DomainErrorKind.Forbidden);
        }
    }

    private async Task<bool> VisibleAsync(ApiPrincipal principal, Reach reach)
    {
        switch (principal.Role)
        {
            case Roles.PlatformAdmin:
                return true;
            case Roles.Operator:
                return principal.CustomerId == reach.CustomerId;
            case Roles.Manager when principal.CustomerId == reach.CustomerId && principal.UserId is { } userId:
                return await ManagerSeesAsync(userId, reach);
            case Roles.Enforcement when principal.EnforcementCompanyId is { } companyId:
                return await EnforcementSeesAsync(companyId, reach);
            default:
                return false;
        }
    }

    /// <summary>A manager sees the units they manage, the lots those units were granted, and the properties they sit in.</summary>
    private async Task<bool> ManagerSeesAsync(Guid userId, Reach reach)
    {
        UserView user;
        try
        {
            user = await grains.GetGrain<IUserGrain>(userId).GetAsync();
        }
        catch (DomainException)
        {
            return false;
        }

        foreach (var unitId in user.ManagedUnitIds)
        {
            if (reach.UnitId == unitId)
            {
                return true;
            }

            if (reach.UnitId is not null || (reach.LotId is null && reach.PropertyId is null))
            {
                continue;
            }

            UnitView unit;
            try
            {
                unit = await grains.GetGrain<IUnitGrain>(unitId).GetAsync();
            }
            catch (DomainException)
            {
                continue;
            }

            if (reach.LotId is { } lotId ? unit.LotIds.Contains(lotId) : unit.PropertyId == reach.PropertyId)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A patrol company sees the properties it was scoped to and their lots (or only the listed lots); never units.</summary>
    private async Task<bool> EnforcementSeesAsync(Guid companyId, Reach reach)
    {
        if (reach.PropertyId is not { } propertyId || reach.UnitId is not null)
        {
            return false;
        }

        EnforcementCompanyView company;
        try
        {
            company = await grains.GetGrain<IEnforcementCompanyGrain>(companyId).GetAsync();
        }
        catch (DomainException)
        {
            return false;
        }

        var scope = company.Scopes.FirstOrDefault(s => s.PropertyId == propertyId && s.CustomerId == reach.CustomerId);
        return scope is not null && (reach.LotId is not { } lotId || scope.LotIds is null || scope.LotIds.Contains(lotId));
    }

    private sealed record Reach(string Kind, Guid Id, Guid CustomerId, Guid? PropertyId, Guid? LotId, Guid? UnitId);
}
