namespace WorkflowEngine.Runtime.Users;

/// <summary>
/// One change an administrator made to a user or a department: who (the administrator's id), when, what (an
/// <see cref="AdminAuditActions"/> value), to whom, and the detail in words (never a password). The id is the store's.
/// </summary>
public sealed record AdminAuditEntry(long Id, DateTimeOffset At, string Actor, string Action, string TargetKind, string TargetId, string? Detail)
{
    public const string User = "user";
    public const string Department = "department";

    public const string Definition = "definition";
}
