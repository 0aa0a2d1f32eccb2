using Vrps.Grains.Common;
using Vrps.Grains.Rules;
using Vrps.Interfaces;
using Vrps.Interfaces.ApiKeys;
using Vrps.Interfaces.Audit;
using Vrps.Postgres.Index;

namespace Vrps.Grains.ApiKeys;

/// <summary>
/// One API key. Authentication asks this grain on every request, so a revocation is refused at once: the activation
/// that revoked is the one every later request reads.
/// </summary>
[GrainType("api_key")]
public sealed class ApiKeyGrain([PersistentState("key")] IPersistentState<ApiKeyState> storage)
    : EntityGrain<ApiKeyState>(storage), IApiKeyGrain
{
    protected override string Kind => IndexKinds.ApiKey;

    public async Task<ApiKeyView> CreateAsync(CreateApiKey command, Actor actor)
    {
        RequireNew();
        if (!Roles.All.Contains(command.Role))
        {
            throw DomainException.Validation("role", $"role must be one of {string.Join(", ", Roles.All)}.");
        }

        if (command.SecretHash.Length != 64)
        {
            throw new ArgumentException("The secret hash must be a hex SHA-256.", nameof(command));
        }

        Store.State = new ApiKeyState
        {
            SecretHash = command.SecretHash,
            Name = Names.Require(command.Name),
            Role = command.Role,
            CustomerId = command.CustomerId ?? Guid.Empty,
            UserId = command.UserId,
            EnforcementCompanyId = command.EnforcementCompanyId,
            ConsumerId = command.ConsumerId,
            CreatedAt = TimeProvider.GetUtcNow(),
        };
        Audit(AuditActions.Created, actor, null, View());
        await SaveAsync();
        return View();
    }

    public Task<ApiKeyCredential?> GetCredentialAsync() =>
        Task.FromResult(Store.RecordExists ? new ApiKeyCredential(View(), State.SecretHash) : null);

    public async Task<ApiKeyView> RevokeAsync(Actor actor)
    {
        RequireExists();
        if (State.RevokedAt is null)
        {
            var before = View();
            State.RevokedAt = TimeProvider.GetUtcNow();
            Audit(AuditActions.Revoked, actor, before, View());
            await SaveAsync();
        }

        return View();
    }

    protected override IndexEntry IndexRow() =>
        new(Kind, Id.ToString("D"), null, State.CustomerId == Guid.Empty ? null : State.CustomerId.ToString("D"), State.Name, State.CreatedAt, State.DeletedAt, View());

    private ApiKeyView View() => new(
        Id, State.Name, State.Role, State.CustomerId == Guid.Empty ? null : State.CustomerId, State.UserId, State.EnforcementCompanyId,
        State.ConsumerId, State.CreatedAt, State.RevokedAt);
}
