using Microsoft.AspNetCore.Authorization;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Pages.Admin;

/// <summary>
/// Every change administrators made across the system (users, departments, definition versions), newest first, by
/// kind, a page at a time: the list <c>GET /api/admin/changes</c> answers.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class ChangesModel(IAdminAudit audit) : NewestFirstPageModel<AdminAuditEntry>
{
    public IReadOnlyList<AdminAuditEntry> Changes => Items;

    public string? Kind { get; private set; }

    public async Task OnGetAsync(string? kind, int? offset, CancellationToken cancellationToken)
    {
        Kind = AdminChangesEndpoints.Kinds.Contains(kind ?? "") ? kind : null;
        await ReadPageAsync(offset, (limit, from) => audit.ListAllAsync(Kind, limit, from, cancellationToken));
    }

    /// <summary>The kind of target in words.</summary>
    public static string KindName(string kind) => kind switch
    {
        AdminAuditEntry.User => AdminText.Say("用户", "User"),
        AdminAuditEntry.Department => AdminText.Say("部门", "Department"),
        AdminAuditEntry.Definition => AdminText.Say("事项定义", "Definition"),
        _ => kind,
    };

    /// <summary>Where the target's own page is.</summary>
    public static string TargetLink(AdminAuditEntry entry) => entry.TargetKind switch
    {
        AdminAuditEntry.User => UserText.Link(entry.TargetId),
        AdminAuditEntry.Department => "/admin/departments",
        _ => "/admin/definitions",
    };
}
