using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowEngine.Hosting.Identity;

namespace WorkflowEngine.Hosting.Pages.Account;

/// <summary>Who is signed in: name, role and department, with the sign-out button.</summary>
[Authorize]
public sealed class IndexModel : PageModel
{
    public string? Name => User.DisplayName();

    public string? Department => User.Department();

    public string Role => User.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value ?? "";
}
