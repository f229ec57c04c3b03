namespace WorkflowEngine.Hosting.Identity;

/// <summary>
/// Section <c>Identity:BootstrapAdmin</c>: the first administrator of a deployment, created at start with this password
/// when the account has none yet (a password set later, by its owner or with <c>set-password</c>, is left alone). Give
/// the password through an environment variable or a secret store, never a file in the repository.
/// </summary>
public sealed class BootstrapAdmin
{
    public string Id { get; set; } = "admin";

    public string Name { get; set; } = "系统管理员";

    public string? Password { get; set; }
}
