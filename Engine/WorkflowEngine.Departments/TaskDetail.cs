namespace WorkflowEngine.Runtime.Departments;

/// <summary>
/// A task with its payload, its application's form and the answers the applicant corrected in it (oldest first), its
/// requests for more time and its history, as of one committed state.
/// </summary>
public sealed record TaskDetail(
    TaskRecord Task, string? Form, IReadOnlyList<ExtensionRequest> Extensions, IReadOnlyList<TaskEvent> History, IReadOnlyList<CorrectedAnswer> Corrections);
