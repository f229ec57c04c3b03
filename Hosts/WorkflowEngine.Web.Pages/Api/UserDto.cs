using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Api;

/// <summary>A user as administrators read it: role, department, whether they may sign in, and their last sign-in.</summary>
public sealed record UserDto(
    string Id,
    string Name,
    string Role,
    string? Department,
    bool Disabled,
    DateTimeOffset? DisabledAt,
    bool HasPassword,
    DateTimeOffset? LockedUntil,
    DateTimeOffset? LastSignInAt,
    bool IdentityPlatform)
{
    public static UserDto From(UserAccount a, DateTimeOffset now) => new(
        a.User.Id,
        a.User.Name,
        a.User.Role,
        a.User.Department,
        a.IsDisabled,
        a.DisabledAt,
        a.HasPassword,
        a.IsLockedAt(now) ? a.LockedUntil : null,
        a.LastSignInAt,
        UserAdministration.IsPlatformUser(a.User.Id));
}
