using Microsoft.AspNetCore.Authorization;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Identity;

/// <summary>The authorization policies of the API.</summary>
public static class Policies
{
    /// <summary>Acts as an applicant (submits, uploads, signs a commitment, withdraws): applicants only, never staff (separation of duties).</summary>
    public const string Applicant = "applicant";

    /// <summary>
    /// Acts for an applicant on an application (uploads, signs a commitment, withdraws): the applicant, or window staff
    /// for a citizen who walked in; which of them may act on which application is decided by the application (<c>ApplicationViews.ActorFor</c>).
    /// </summary>
    public const string ApplicantActs = "applicant-acts";

    /// <summary>An application's progress page: the applicant or an administrator; window staff for a walk-in's application.</summary>
    public const string ProgressPages = "progress-pages";

    /// <summary>Reads an applicant's own pages (progress, receipt, look-up): the applicant, or an administrator, whose view is on the trail.</summary>
    public const string ApplicantPages = "applicant-pages";
    /// <summary>Submits at the comprehensive window for a citizen who walked in: window staff only, never an applicant or a department's staff.</summary>
    public const string Window = "window";

    public const string Clerk = "clerk";
    public const string Admin = "admin";

    /// <summary>A department's supervisor, or an administrator.</summary>
    public const string Supervisor = "supervisor";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Applicant, p => p.RequireAuthenticatedUser().RequireRole(Roles.Applicant));
        options.AddPolicy(ApplicantActs, p => p.RequireAuthenticatedUser().RequireRole(Roles.Applicant, Roles.Window));
        options.AddPolicy(ProgressPages, p => p.RequireAuthenticatedUser().RequireRole(Roles.Applicant, Roles.Admin, Roles.Window));
        options.AddPolicy(ApplicantPages, p => p.RequireAuthenticatedUser().RequireRole(Roles.Applicant, Roles.Admin));
        options.AddPolicy(Window, p => p.RequireAuthenticatedUser().RequireRole(Roles.Window));
        options.AddPolicy(Clerk, p => p.RequireAuthenticatedUser().RequireRole(Roles.Clerk, Roles.Supervisor, Roles.Admin));
        options.AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin));
        options.AddPolicy(Supervisor, p => p.RequireAuthenticatedUser().RequireRole(Roles.Supervisor, Roles.Admin));
    }
}
