using Vrps.Grains.Common;

namespace Vrps.Grains.Users;

public sealed class UserState : EntityState
{
    public string Email { get; set; } = "";

    public string Name { get; set; } = "";

    public List<Guid> ManagedUnitIds { get; set; } = [];
}
