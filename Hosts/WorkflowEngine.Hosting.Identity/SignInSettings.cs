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
