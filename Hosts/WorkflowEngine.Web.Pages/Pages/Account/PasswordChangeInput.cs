namespace WorkflowEngine.Hosting.Pages.Account;

/// <summary>What the account page's password form posts.</summary>
public sealed class PasswordChangeInput
{
    public string? Current { get; set; }

    public string? New { get; set; }

    public string? Repeat { get; set; }
}
