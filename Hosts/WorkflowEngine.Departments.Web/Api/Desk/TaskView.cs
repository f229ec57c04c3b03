using System.Text.Json.Nodes;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Api.Desk;

/// <summary>
/// A task as its clerk sees it: the record, the whole application (form and materials, with links this host serves),
/// its requests for more time, what was done to it (kept by the department that holds the task), and the answers the
/// applicant corrected in the application (oldest first), and the names of the people all these name by login id (the
/// holder, who decided, who acted in the history, asked for or answered a request, witnessed a commitment).
/// </summary>
public sealed record TaskView(
    TaskRecord Task,
    JsonObject Application,
    IReadOnlyList<ExtensionRequest> Extensions,
    IReadOnlyList<TaskEvent> History,
    IReadOnlyList<CorrectedAnswer> Corrections,
    UserNames Names);
