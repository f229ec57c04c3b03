using System.Text.Json.Nodes;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Hosting.Api.Desk;

/// <summary>
/// A task as its clerk sees it: the record, the whole application (form and materials, with links this host serves),
/// its requests for more time, what was done to it (kept by the department that holds the task), and the answers the
/// applicant corrected in the application (oldest first).
/// </summary>
public sealed record TaskView(
    TaskRecord Task, JsonObject Application, IReadOnlyList<ExtensionRequest> Extensions, IReadOnlyList<TaskEvent> History, IReadOnlyList<CorrectedAnswer> Corrections);
