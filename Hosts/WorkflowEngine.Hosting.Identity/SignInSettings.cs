namespace WorkflowEngine.Hosting.Identity;

/// <summary>Section <c>Identity</c>: lockout, how long a token and a page session last, and where the signing keys live.</summary>
public sealed class SignInSettings
{
    /// <summary>Wrong passwords in a row that lock an account.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a bearer token from <c>POST /api/auth/token</c> is accepted.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a page session lasts without use (renewed while in use).</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// How long this process trusts what it last read of an account for the check every signed-in request makes (its
    /// password's stamp, whether it is disabled, its last sign-out); zero reads the database at every request. A change
    /// made in this process (a new password, a reset, signing out everywhere, an administrator disabling the account or
    /// changing its role) ends the account's sessions and tokens here at once, whatever this is. A change made in another
    /// process (another engine process, a department host sharing the users, an operator's command) is seen here within
    /// this time at most: for that long an old token or cookie may still be accepted by this process.
    /// </summary>
    public TimeSpan SessionCheckCacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many accounts that check keeps at most; beyond it, requests are checked against the database as if uncached.</summary>
    public int SessionCheckCacheSize { get; set; } = 10_000;

    /// <summary>
    /// A folder for the keys that protect tokens and session cookies. Unset, ASP.NET Core keeps them in the account's
    /// profile; engine processes on several machines must share one folder, or a token from one is refused by another.
    /// </summary>
    public string? KeysPath { get; set; }

    /// <summary>
    /// Whether applicants may make their own account with a mobile number proven by an SMS code. Unset: where it can
    /// work (an SMS channel is configured and the identity platform is not the sign-in). True where it cannot work
    /// stops the host at its start, saying why; false turns it off.
    /// </summary>
    public bool? SelfRegistration { get; set; }
}
