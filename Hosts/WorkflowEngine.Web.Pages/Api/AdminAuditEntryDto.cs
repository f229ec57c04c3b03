using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Api;

/// <summary>One change an administrator made: when, by whom, what, and the detail.</summary>
public sealed record AdminAuditEntryDto(DateTimeOffset At, string Actor, string Action, string? Detail)
{
    public static AdminAuditEntryDto From(AdminAuditEntry e) => new(e.At, e.Actor, e.Action, e.Detail);
}
