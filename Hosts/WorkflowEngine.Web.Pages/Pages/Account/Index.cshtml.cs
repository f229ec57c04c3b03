using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowEngine.Hosting.Identity;

namespace WorkflowEngine.Hosting.Pages.Account;

/// <summary>
/// Who is signed in: name, role and department, with the sign-out button; and, for a local account, changing one's own
/// password (the current one, the new one twice, under the rule administrators' new passwords follow). The change ends
/// every other session and token of the account; this one goes on under the new stamp.
/// </summary>
[Authorize]
public sealed class IndexModel(PasswordSignIn signIn, TimeProvider clock) : PageModel
{
    public string? Name => User.DisplayName();

    public string? Department => User.Department();

    public string Role => User.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value ?? "";

    /// <summary>Whether the account's password is kept here: one from the identity platform has none to change.</summary>
    public bool HasLocalPassword => User.FindFirst(ClaimNames.IdentityProvider)?.Value != OidcSignIn.Provider;

    [BindProperty]
    public PasswordChangeInput Input { get; set; } = new();

    /// <summary>The applicant has just registered (and is signed in).</summary>
    [BindProperty(SupportsGet = true)]
    public bool Registered { get; set; }

    /// <summary>The password was just changed.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Changed { get; set; }

    /// <summary>The messages by field (<c>current</c>, <c>new</c>, <c>repeat</c>), in the order of the form.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken cancellationToken)
    {
        if (!HasLocalPassword)
        {
            return NotFound();
        }

        var english = PageText.Current.IsEnglishText;
        string Say(string zh, string en) => english ? en : zh;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(Input.Current))
        {
            errors["current"] = [Say("请输入当前密码", "Please enter your current password")];
        }

        // The rule a password an administrator gives follows; here nobody makes one up, so it is needed.
        var rule = new Dictionary<string, string[]>(StringComparer.Ordinal);
        UserInput.Password(Input.New, rule, english, offerMadeUp: false);
        if (string.IsNullOrEmpty(Input.New))
        {
            errors["new"] = [Say($"请输入新密码（至少 {IdentitySeeding.MinimumPasswordLength} 个字符）", $"Please enter a new password (at least {IdentitySeeding.MinimumPasswordLength} characters)")];
        }
        else if (rule.TryGetValue("password", out var broken))
        {
            errors["new"] = broken;
        }
        else if (Input.New == Input.Current)
        {
            errors["new"] = [Say("新密码不能与当前密码相同", "The new password must differ from the current one")];
        }

        if (!errors.ContainsKey("new") && Input.Repeat != Input.New)
        {
            errors["repeat"] = [Say("两次输入的新密码不一致", "The two new passwords differ")];
        }

        if (errors.Count == 0)
        {
            var outcome = await signIn.ChangeOwnPasswordAsync(User.Id(), Input.Current!, Input.New!, HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken);
            switch (outcome.Status)
            {
                case SignInStatus.Succeeded:
                    // This session goes on under the new stamp; every other one ends at its next request.
                    await LoginModel.StartSessionAsync(HttpContext, outcome);
                    return Redirect("/account?changed=true");
                case SignInStatus.LockedOut:
                    errors["current"] = [SignInMessages.Locked(outcome.LockedUntil, clock.GetUtcNow(), english)];
                    break;
                default:
                    errors["current"] = [Say("当前密码不正确", "The current password is wrong")];
                    break;
            }
        }

        Errors = errors;
        // No password is ever sent back into the form.
        Input = new PasswordChangeInput();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
