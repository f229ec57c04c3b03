namespace WorkflowEngine.Hosting.Pages.Account;

/// <summary>The registration form as posted.</summary>
public sealed class RegisterInput
{
    public string? Mobile { get; set; }

    public string? Email { get; set; }

    public string? DisplayName { get; set; }

    public string? Password { get; set; }

    public string? Repeat { get; set; }
}
