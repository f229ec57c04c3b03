using System.Security.Claims;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Identity;

/// <summary>
/// Who a person from the identity platform is here, read from the platform's claims by the deployment's claim mapping
/// (<see cref="OidcSettings"/>). The platform signs in citizens as well as civil servants, and a citizen carries no
/// role: so a person without a role this system knows is an applicant, who sees only their own applications. A clerk or
/// supervisor without a department cannot be placed in any queue and is refused. Users from the platform are kept under
/// <see cref="UserIdPrefix"/> and the platform's subject, so that no platform subject can take over a local account.
/// </summary>
public static class PlatformIdentity
{
    public const string UserIdPrefix = "oidc:";

    public static readonly IReadOnlySet<string> KnownRoles = new HashSet<string>([Roles.Applicant, Roles.Window, Roles.Clerk, Roles.Supervisor, Roles.Admin], StringComparer.Ordinal);

    // The directory keeps user ids of up to 128 characters (SQL Server's column).
    private const int MaxSubjectLength = 128 - 5;

    /// <summary>The user the claims describe, or the failure code (<see cref="PlatformFailures"/>) that says why there is none.</summary>
    public static (UserRecord? User, string? Failure) Read(ClaimsPrincipal principal, OidcSettings settings)
    {
        if (principal.FindFirstValue("sub") is not { Length: > 0 and <= MaxSubjectLength } subject)
        {
            return (null, PlatformFailures.Subject);
        }

        var role = principal.FindAll(settings.RoleClaim).Select(c => RoleOf(c.Value, settings)).FirstOrDefault(r => r is not null) ?? Roles.Applicant;
        var department = principal.FindFirstValue(settings.DepartmentClaim);
        var staff = role is Roles.Clerk or Roles.Supervisor;
        if (staff && string.IsNullOrWhiteSpace(department))
        {
            return (null, PlatformFailures.Department);
        }

        var name = principal.FindFirstValue(settings.NameClaim) is { Length: > 0 } given ? given : subject;
        return (new UserRecord(UserIdPrefix + subject, name, role, staff ? department!.Trim() : null), null);
    }

    /// <summary>
    /// At a sign-in on the page: keeps the directory's record of a platform user as the platform last described them
    /// (their name, role and department), read afresh.
    /// </summary>
    public static async Task RememberAsync(IDirectoryStore directory, UserRecord user, CancellationToken cancellationToken)
    {
        if (await directory.FindUserAsync(user.Id, cancellationToken) != user)
        {
            await directory.UpsertUsersAsync([user], cancellationToken);
        }
    }

    /// <summary>Whether an administrator disabled the platform user's account here (a user not yet known is not).</summary>
    public static async Task<bool> IsDisabledAsync(IUserAccounts accounts, UserRecord user, CancellationToken cancellationToken) =>
        await accounts.FindAsync(user.Id, cancellationToken) is { IsDisabled: true };

    /// <summary>
    /// At a request with the platform's access token: false when an administrator disabled the person here; otherwise
    /// true, with the directory's record kept as the token describes them. Read through the session check's cache, as a
    /// session or this host's own token is, so a person's requests within its window read nothing; written only when the
    /// claims differ from the record (a new name, role or department applies at the first request that brings it).
    /// </summary>
    public static async Task<bool> AdmitAsync(SessionCheckCache sessionChecks, IDirectoryStore directory, UserRecord user, CancellationToken cancellationToken)
    {
        var standing = await sessionChecks.FindAsync(user.Id, cancellationToken);
        if (standing is { IsDisabled: true })
        {
            return false;
        }

        if (standing?.User != user)
        {
            // The directory is registered wrapped (SessionCheckedDirectoryStore): the write forgets the record kept here.
            await directory.UpsertUsersAsync([user], cancellationToken);
        }

        return true;
    }

    /// <summary>The same claims a password sign-in gives, marked as the platform's.</summary>
    public static ClaimsPrincipal Principal(UserRecord user, string scheme)
    {
        var principal = UserPrincipal.Create(user, scheme);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(ClaimNames.IdentityProvider, OidcSignIn.Provider));
        return principal;
    }

    private static string? RoleOf(string value, OidcSettings settings) =>
        settings.RoleMap.TryGetValue(value, out var mapped) ? mapped : KnownRoles.Contains(value) ? value : null;
}
