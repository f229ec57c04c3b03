namespace WorkflowEngine.Runtime.Users;

/// <summary>The kinds of <see cref="AdminAuditEntry"/>.</summary>
public static class AdminAuditActions
{
    public const string Created = "created";
    public const string Changed = "changed";
    public const string Disabled = "disabled";
    public const string Enabled = "enabled";
    public const string PasswordReset = "password-reset";
    public const string Unlocked = "unlocked";
    public const string DepartmentEdited = "department-edited";
}
