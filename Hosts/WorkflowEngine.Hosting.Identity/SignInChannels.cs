namespace WorkflowEngine.Hosting.Identity;

/// <summary>Where a sign-in event came from, as the audit records it.</summary>
public static class SignInChannels
{
    /// <summary><c>POST /api/auth/token</c>, for scripts.</summary>
    public const string Token = "token";

    /// <summary>The sign-in page, for people.</summary>
    public const string Page = "page";

    /// <summary>The unified identity platform, through OpenID Connect.</summary>
    public const string Oidc = "oidc";

    /// <summary>An operator at the host's command line or configuration.</summary>
    public const string Operator = "operator";

    /// <summary>An administrator, on the users page or <c>/api/admin/users</c>.</summary>
    public const string Admin = "admin";
}
