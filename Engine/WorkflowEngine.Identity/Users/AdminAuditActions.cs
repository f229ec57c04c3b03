namespace WorkflowEngine.Runtime.Users;

/// <summary>The kinds of <see cref="AdminAuditEntry"/>.</summary>
public static class AdminAuditActions
{
    public const string Created = "created";

    /// <summary>An applicant made their own account (the actor is the new user), with a mobile number proven by SMS.</summary>
    public const string Registered = "registered";
    public const string Changed = "changed";
    public const string Disabled = "disabled";
    public const string Enabled = "enabled";
    public const string PasswordReset = "password-reset";
    public const string Unlocked = "unlocked";
    public const string DepartmentEdited = "department-edited";

    /// <summary>A definition's version was published (target: the definition's id; detail: the version).</summary>
    public const string DefinitionPublished = "definition-published";

    /// <summary>A published version was retired: new applications no longer start on it.</summary>
    public const string DefinitionRetired = "definition-retired";

    /// <summary>A draft was discarded.</summary>
    public const string DraftDiscarded = "draft-discarded";
}
