using Vrps.Grains.Common;

namespace Vrps.Grains.ApiKeys;

public sealed class ApiKeyState : EntityState
{
    public string SecretHash { get; set; } = "";

    public string Name { get; set; } = "";

    public string Role { get; set; } = "";

    public Guid? UserId { get; set; }

    public Guid? EnforcementCompanyId { get; set; }

    public Guid? ConsumerId { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
