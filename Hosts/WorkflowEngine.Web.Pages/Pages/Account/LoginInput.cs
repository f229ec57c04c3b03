namespace WorkflowEngine.Hosting.Pages.Account;

/// <summary>What the sign-in form posts.</summary>
public sealed class LoginInput
{
    public string? UserName { get; set; }

    public string? Password { get; set; }
}
