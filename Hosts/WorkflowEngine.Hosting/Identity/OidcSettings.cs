namespace WorkflowEngine.Hosting.Identity;

/// <summary>
/// Section <c>Authentication:Oidc</c>: a government's unified identity platform, offered on the sign-in page when
/// <see cref="Authority"/> and <see cref="ClientId"/> are set. The platform's claims say who the person is, which role
/// they have here and, for clerks and supervisors, their department.
/// </summary>
public sealed class OidcSettings
{
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The claim whose value is one of applicant, clerk, supervisor, admin.</summary>
    public string RoleClaim { get; set; } = "role";

    /// <summary>The claim with a clerk's or supervisor's department code.</summary>
    public string DepartmentClaim { get; set; } = "department";

    /// <summary>What the sign-in page calls the platform.</summary>
    public string DisplayName { get; set; } = "统一身份认证平台";

    public bool Configured => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}
