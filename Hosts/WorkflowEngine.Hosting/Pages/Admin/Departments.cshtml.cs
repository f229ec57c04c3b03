using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Distributed;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Pages.Admin;

/// <summary>
/// The departments with their clerks, supervisors and (where this host keeps them) open tasks; each one's names and
/// description edited under the same rules as <c>PATCH /api/admin/departments/{code}</c>. Departments are not added
/// here: each has its own queue and host, configured before the hosts start.
/// </summary>
[Authorize(Policy = Policies.Admin)]
/// <param name="tasks">The tasks this process keeps, where the department side runs; none on an engine host.</param>
public sealed class DepartmentsModel(IDepartmentEntries departments, ServedDepartments served, UserAdministration admin, IDepartmentTasks? tasks = null) : PageModel
{
    public IReadOnlyList<(DepartmentEntry Entry, int? OpenTasks)> Departments { get; private set; } = [];

    public string? Done { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>The department whose form came back with errors, to keep it open with what was typed.</summary>
    public string? Editing { get; private set; }

    public DepartmentEdit? Typed { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task OnPostEditAsync(string code, string? nameZh, string? nameEn, string? description, CancellationToken cancellationToken)
    {
        var edit = new DepartmentEdit(nameZh, nameEn, description);
        var outcome = await admin.EditDepartmentAsync(User.Id(), code, edit, UserText.English, cancellationToken);
        switch (outcome.Status)
        {
            case AdminOutcomeStatus.Done:
                Done = AdminText.Say($"已保存部门 {code} 的名称。", $"Saved the names of {code}.");
                break;
            case AdminOutcomeStatus.Invalid:
                UserText.AddTo(ModelState, outcome.Errors!, code);
                (Editing, Typed) = (code, edit);
                break;
            default:
                Problem = outcome.Problem;
                break;
        }

        await LoadAsync(cancellationToken);
    }

    /// <summary>The id of one department's input, unique on the page.</summary>
    public static string FieldId(string name, string code) => $"{name}-{code}";

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Departments = await DepartmentOverview.ListAsync(departments, served, tasks, cancellationToken);
}
