using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Identity;

/// <summary>
/// Signs people in with a user name and password, the same for the page and the API: counts wrong passwords and locks
/// the account after <see cref="SignInSettings.MaxFailedAttempts"/>, and writes every attempt to the sign-in audit. An
/// unknown name and a wrong password look alike to the caller, and take about as long, so that names cannot be probed:
/// an unknown name is locked after as many tries, for as long, on every process sharing the database (<see cref="IUnknownNameLockouts"/>).
/// An account an administrator disabled is told so only after its right password.
/// </summary>
public sealed class PasswordSignIn(
    IUserAccounts accounts,
    ICredentialStore credentials,
    ISignInLog log,
    IUnknownNameLockouts unknownNames,
    SessionCheckCache sessionChecks,
    TimeProvider clock,
    IOptions<SignInSettings> settings)
{
    private const int MaxClientAddressLength = 64;
    private static readonly PasswordHasher<UserRecord> Hasher = new();
    private static readonly UserRecord Nobody = new("", "", "", null);

    // Verified against when the name is unknown, so that it costs what a wrong password costs.
    private static readonly Lazy<string> Decoy = new(() => Hasher.HashPassword(Nobody, Guid.NewGuid().ToString()));

    private LockoutPolicy Lockout => new(Math.Max(1, settings.Value.MaxFailedAttempts), settings.Value.LockoutDuration);

    public async Task<SignInOutcome> SignInAsync(string userName, string password, string? clientAddress, string channel, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var account = await accounts.FindAsync(userName, cancellationToken);
        var user = account?.User;
        var credential = user is null ? null : await credentials.FindAsync(user.Id, cancellationToken);
        if (user is null || credential is null)
        {
            return await UnknownNameAsync(userName, password, now, clientAddress, channel, cancellationToken);
        }

        if (await RefusedAsync(user, credential, userName, password, now, clientAddress, channel, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (account!.IsDisabled)
        {
            await RecordAsync(SignInEventKinds.RefusedDisabled, userName, user.Id, clientAddress, channel, cancellationToken);
            return new SignInOutcome(SignInStatus.Disabled);
        }

        await credentials.RecordSuccessAsync(user.Id, cancellationToken);
        var kind = channel == SignInChannels.Token ? SignInEventKinds.TokenIssued : SignInEventKinds.Succeeded;
        await RecordAsync(kind, userName, user.Id, clientAddress, channel, cancellationToken);
        return new SignInOutcome(SignInStatus.Succeeded, user, credential.SecurityStamp);
    }

    /// <summary>
    /// The signed-in user changes their own password: the current one is checked as a sign-in checks it (a wrong one
    /// counts towards the lockout, and is refused while locked), the new one is kept with a new stamp, which ends every
    /// other session and token, and the change is audited as a sign-in event. The outcome carries the new stamp, for the
    /// caller's own session to go on.
    /// </summary>
    public async Task<SignInOutcome> ChangeOwnPasswordAsync(
        string userId, string currentPassword, string newPassword, string? clientAddress, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(userId, cancellationToken);
        var credential = account is null ? null : await credentials.FindAsync(userId, cancellationToken);
        if (account is null || credential is null || account.IsDisabled)
        {
            return new SignInOutcome(account is { IsDisabled: true } ? SignInStatus.Disabled : SignInStatus.Invalid);
        }

        if (await RefusedAsync(account.User, credential, userId, currentPassword, clock.GetUtcNow(), clientAddress, SignInChannels.Page, cancellationToken) is { } refused)
        {
            return refused;
        }

        var changed = NewCredential(account.User, newPassword);
        await credentials.SetPasswordAsync(userId, changed.PasswordHash, changed.SecurityStamp, changed.ChangedAt, cancellationToken);
        await RecordPasswordSetAsync(account.User, clientAddress, SignInChannels.Page, cancellationToken);
        return new SignInOutcome(SignInStatus.Succeeded, account.User, changed.SecurityStamp);
    }

    /// <summary>Why the password does not open the account now (locked, or wrong: counted, maybe locking it), or null when it does.</summary>
    private async Task<SignInOutcome?> RefusedAsync(
        UserRecord user, UserCredential credential, string userName, string password, DateTimeOffset now, string? clientAddress, string channel, CancellationToken cancellationToken)
    {
        if (credential.IsLockedAt(now))
        {
            await RecordAsync(SignInEventKinds.Refused, userName, user.Id, clientAddress, channel, cancellationToken);
            return new SignInOutcome(SignInStatus.LockedOut, LockedUntil: credential.LockedUntil);
        }

        var verified = Hasher.VerifyHashedPassword(user, credential.PasswordHash, password);
        if (verified == PasswordVerificationResult.Failed)
        {
            var after = await credentials.RecordFailureAsync(user.Id, now, Lockout, cancellationToken);
            var locked = after?.IsLockedAt(now) == true;
            await RecordAsync(locked ? SignInEventKinds.LockedOut : SignInEventKinds.Failed, userName, user.Id, clientAddress, channel, cancellationToken);
            return locked ? new SignInOutcome(SignInStatus.LockedOut, LockedUntil: after!.LockedUntil) : new SignInOutcome(SignInStatus.Invalid);
        }

        if (verified == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await credentials.RehashAsync(user.Id, Hasher.HashPassword(user, password), cancellationToken);
        }

        return null;
    }

    /// <summary>What an account's wrong password gets, step for step: refused while locked, else counted and maybe locked.</summary>
    private async Task<SignInOutcome> UnknownNameAsync(
        string userName, string password, DateTimeOffset now, string? clientAddress, string channel, CancellationToken cancellationToken)
    {
        if (await unknownNames.LockedUntilAsync(userName, now, cancellationToken) is { } lockedUntil)
        {
            await RecordAsync(SignInEventKinds.Refused, userName, null, clientAddress, channel, cancellationToken);
            return new SignInOutcome(SignInStatus.LockedOut, LockedUntil: lockedUntil);
        }

        Hasher.VerifyHashedPassword(Nobody, Decoy.Value, password);
        var locked = await unknownNames.RecordFailureAsync(userName, now, Lockout, cancellationToken);
        await RecordAsync(locked is null ? SignInEventKinds.Failed : SignInEventKinds.LockedOut, userName, null, clientAddress, channel, cancellationToken);
        return locked is null ? new SignInOutcome(SignInStatus.Invalid) : new SignInOutcome(SignInStatus.LockedOut, LockedUntil: locked);
    }

    /// <summary>Sets a user's password with a new stamp, which ends every session and token issued before.</summary>
    public async Task SetPasswordAsync(UserRecord user, string password, string? clientAddress, string channel, CancellationToken cancellationToken)
    {
        var credential = NewCredential(user, password);
        await credentials.SetPasswordAsync(user.Id, credential.PasswordHash, credential.SecurityStamp, credential.ChangedAt, cancellationToken);
        await RecordPasswordSetAsync(user, clientAddress, channel, cancellationToken);
    }

    /// <summary>
    /// Gives the user's password a new stamp, keeping the password: every session cookie and token issued before stops
    /// being accepted, a copy of one included (the cookie alone carries the session, so only the server can end it).
    /// </summary>
    public async Task EndSessionsAsync(string userId, CancellationToken cancellationToken)
    {
        await credentials.RenewStampAsync(userId, NewStamp(), cancellationToken);
    }

    /// <summary>A password hashed for <paramref name="user"/> with a new stamp, for a store to keep (a new user's, with the user).</summary>
    public UserCredential NewCredential(UserRecord user, string password) =>
        new(user.Id, Hasher.HashPassword(user, password), NewStamp(), 0, null, clock.GetUtcNow());

    /// <summary>Audits that the user's password was set (by themselves, an administrator or an operator).</summary>
    public Task RecordPasswordSetAsync(UserRecord user, string? clientAddress, string channel, CancellationToken cancellationToken) =>
        RecordAsync(SignInEventKinds.PasswordChanged, user.Id, user.Id, clientAddress, channel, cancellationToken);

    /// <summary>
    /// Gives each user without a password the same one (the documented demo password), hashed once: a fresh host seeds
    /// every demo user at each start, and one hash costs about a tenth of a second. Each user still gets a stamp of their own.
    /// </summary>
    public async Task<int> SeedPasswordsAsync(IEnumerable<UserRecord> users, string password, CancellationToken cancellationToken)
    {
        string? hash = null;
        var seeded = 0;
        foreach (var user in users)
        {
            if (await credentials.FindAsync(user.Id, cancellationToken) is null)
            {
                hash ??= Hasher.HashPassword(user, password);
                await credentials.SetPasswordAsync(user.Id, hash, NewStamp(), clock.GetUtcNow(), cancellationToken);
                seeded++;
            }
        }

        return seeded;
    }

    /// <summary>
    /// Whether a session or token still stands: its user exists and is not disabled, has a password, and it is the one it
    /// began with (a new password, and an administrator's change of role, department or disabling, renew the stamp). A
    /// session from the identity platform stands on the platform's word until it expires, unless an administrator disabled
    /// the user here or the user signed out since it began (the platform's users have no password here, so no stamp to
    /// renew). What it reads of the account comes through <see cref="SessionCheckCache"/>.
    /// </summary>
    public async Task<bool> IsCurrentAsync(System.Security.Claims.ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (principal.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value is not { } id
            || await sessionChecks.FindAsync(id, cancellationToken) is not { IsDisabled: false } standing)
        {
            return false;
        }

        if (principal.FindFirst(ClaimNames.IdentityProvider)?.Value == OidcSignIn.Provider)
        {
            return standing.LatestSignOutId <= SessionBegan(principal);
        }

        return principal.FindFirst(ClaimNames.SecurityStamp)?.Value is { } stamp && standing.SecurityStamp == stamp;
    }

    /// <summary>Writes a sign-in event (never a password); the answer is its id in the audit.</summary>
    public Task<long> RecordAsync(string kind, string userName, string? userId, string? clientAddress, string channel, CancellationToken cancellationToken)
    {
        var address = clientAddress is { Length: > MaxClientAddressLength } ? clientAddress[..MaxClientAddressLength] : clientAddress;
        return log.RecordAsync(new SignInEvent(0, clock.GetUtcNow(), kind, userName, userId, address, channel), cancellationToken);
    }

    /// <summary>Where a platform session began in the sign-in audit; 0 for a session older than the claim.</summary>
    private static long SessionBegan(System.Security.Claims.ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirst(ClaimNames.SessionBegan)?.Value, System.Globalization.CultureInfo.InvariantCulture, out var began) ? began : 0;

    /// <summary>A stamp no session carries yet.</summary>
    public static string NewStamp() => Guid.NewGuid().ToString("N");
}
