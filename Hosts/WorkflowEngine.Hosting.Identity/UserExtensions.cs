using System.Security.Claims;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Identity;

/// <summary>Reading who the caller is.</summary>
public static class UserExtensions
{
    public static string Id(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not signed in.");

    public static string? DisplayName(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Name);

    public static string? Department(this ClaimsPrincipal user) => user.FindFirstValue(ClaimNames.Department);

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(Roles.Admin);

    /// <summary>A clerk or supervisor of the department, or an administrator.</summary>
    /// <summary>
    /// Claims, releases and decides the department's tasks: its clerks and supervisors only. An administrator, who may
    /// look at them, decides none (separation of duties).
    /// </summary>
    public static bool DecidesFor(this ClaimsPrincipal user, string department) =>
        (user.IsInRole(Roles.Clerk) || user.IsInRole(Roles.Supervisor)) && user.Department() == department;

    public static bool WorksFor(this ClaimsPrincipal user, string department) =>
        user.IsAdmin() || ((user.IsInRole(Roles.Clerk) || user.IsInRole(Roles.Supervisor)) && user.Department() == department);
}
