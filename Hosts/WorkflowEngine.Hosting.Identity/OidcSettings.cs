namespace WorkflowEngine.Hosting.Identity;

/// <summary>
/// Section <c>Authentication:Oidc</c>: a government's unified identity platform, offered on the sign-in page when
/// <see cref="Authority"/> and <see cref="ClientId"/> are set. The platform's claims say who the person is, which role
/// they have here and, for clerks and supervisors, their department.
/// </summary>
public sealed class OidcSettings
{
    /// <summary>The platform's issuer: HTTPS, except on a loopback address (a provider on the same machine).</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The scopes asked for, separated by spaces: those under which the platform releases the role and department claims.</summary>
    public string Scopes { get; set; } = "openid profile";

    /// <summary>The claim whose value is one of applicant, clerk, supervisor, admin (or a value <see cref="RoleMap"/> translates).</summary>
    public string RoleClaim { get; set; } = "role";

    /// <summary>The claim with a clerk's or supervisor's department code.</summary>
    public string DepartmentClaim { get; set; } = "department";

    /// <summary>The claim with the person's name as pages show it; the subject when absent.</summary>
    public string NameClaim { get; set; } = "name";

    /// <summary>The platform's role values and the role each one is here, e.g. <c>RoleMap:gov-clerk=clerk</c>.</summary>
    public Dictionary<string, string> RoleMap { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The audience of the platform's access tokens meant for this API. When set, <c>Authorization: Bearer</c> with such a
    /// token (a JWT signed by the platform) is accepted by the API with the same rules as a session; when not, only this
    /// host's own tokens are.
    /// </summary>
    public string? ApiAudience { get; set; }

    /// <summary>What the sign-in page calls the platform.</summary>
    public string DisplayName { get; set; } = "统一身份认证平台";

    /// <summary>What the English sign-in page calls the platform; when unset, <see cref="DisplayName"/> if it has no Chinese in it, else a plain description.</summary>
    public string? DisplayNameEn { get; set; }

    /// <summary>The platform's name in the page's language (<see cref="DisplayName"/> or <see cref="DisplayNameEn"/>).</summary>
    public string NameIn(bool english) =>
        !english ? DisplayName
        : !string.IsNullOrWhiteSpace(DisplayNameEn) ? DisplayNameEn
        : DisplayName.Any(c => c >= '\u2E80') ? "the unified identity platform"
        : DisplayName;

    public bool Configured => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);

    /// <summary>Whether the API takes the platform's access tokens.</summary>
    public bool AcceptsPlatformTokens => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ApiAudience);

    /// <summary>
    /// Whether the platform's metadata and keys may be fetched over plain HTTP: only from this machine (a loopback
    /// authority), where nobody on the network can change them on the way.
    /// </summary>
    public bool IsLoopback => Uri.TryCreate(Authority, UriKind.Absolute, out var uri) && uri.IsLoopback;

    /// <summary>The platform's origin (scheme, host and port), where the sign-in page's form may lead; null when not an address.</summary>
    public string? Origin => Uri.TryCreate(Authority, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null;

    /// <summary>Why the settings cannot work, for the host to say at start; null when they can.</summary>
    public string? Problem()
    {
        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return $"Authentication:Oidc:Authority must be the platform's absolute https:// address, not '{Authority}'.";
        }

        if (uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback)
        {
            return $"Authentication:Oidc:Authority must use HTTPS ('{Authority}'): the platform's keys decide who signs in, so they are fetched over "
                + "plain HTTP only from this machine (localhost, 127.0.0.1, ::1).";
        }

        if (!string.IsNullOrWhiteSpace(ApiAudience) && string.Equals(ApiAudience, ClientId, StringComparison.Ordinal))
        {
            return "Authentication:Oidc:ApiAudience must differ from ClientId: the platform's id_tokens are issued to the ClientId, "
                + "and must not open the API as access tokens.";
        }

        var unknown = RoleMap.Values.Where(role => !PlatformIdentity.KnownRoles.Contains(role)).ToArray();
        return unknown.Length > 0
            ? $"Authentication:Oidc:RoleMap maps to {string.Join(", ", unknown)}, which is no role here (applicant, clerk, supervisor, admin)."
            : null;
    }
}
