using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Hosting.Api.Desk;

/// <summary>
/// What a clerk's or supervisor's action came to, for the REST endpoint and the page alike: the value, or the field
/// errors of the request, or why the task's rules refused it (not found, forbidden, conflict, beyond the limit).
/// </summary>
public sealed record ClerkOutcome<T>(TaskActionStatus Status, T? Value, string? Problem, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public bool Invalid => Errors is not null;
}
