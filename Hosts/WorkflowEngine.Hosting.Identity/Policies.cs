using Microsoft.AspNetCore.Authorization;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Identity;

/// <summary>The authorization policies of the API.</summary>
public static class Policies
{
    public const string Applicant = "applicant";
    public const string Clerk = "clerk";
    public const string Admin = "admin";

    /// <summary>A department's supervisor, or an administrator.</summary>
    public const string Supervisor = "supervisor";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Applicant, p => p.RequireAuthenticatedUser().RequireRole(Roles.Applicant, Roles.Admin));
        options.AddPolicy(Clerk, p => p.RequireAuthenticatedUser().RequireRole(Roles.Clerk, Roles.Supervisor, Roles.Admin));
        options.AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin));
        options.AddPolicy(Supervisor, p => p.RequireAuthenticatedUser().RequireRole(Roles.Supervisor, Roles.Admin));
    }
}
