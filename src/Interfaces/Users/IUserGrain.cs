
namespace Vrps.Interfaces.Users;

public interface IUserGrain : IGrainWithGuidKey
{
    Task<UserView> InitializeAsync(Guid customerId, CreateUser command, Actor actor);

    [ReadOnly]
    Task<UserView> GetAsync();

    Task SetManagesUnitAsync(Guid unitId, bool manages);
}
