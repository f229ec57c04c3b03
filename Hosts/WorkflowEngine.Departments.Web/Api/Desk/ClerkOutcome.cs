using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Hosting.Api.Desk;

/// <summary>
/// What a clerk's or supervisor's action came to, for the REST endpoint and the page alike: the value, or the field
/// errors of the request, or why the task's rules refused it (not found, forbidden, conflict, beyond the limit). Each
/// message in Chinese, which the API answers with, and English, which a page shown in English says.
/// </summary>
public sealed record ClerkOutcome<T>(TaskActionStatus Status, T? Value, ProblemText? Problem, IReadOnlyDictionary<string, ProblemText[]>? Errors = null)
{
    public bool Invalid => Errors is not null;
}
