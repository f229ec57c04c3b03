using Microsoft.AspNetCore.Http;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Hosting.Api.Desk;

/// <summary>A clerk's outcome as the REST API answers it, in Chinese: the value, 400 with the fields, or 404, 403, 409, 422 with the reason.</summary>
public static class ClerkResults
{
    public static IResult ToResult<T>(this ClerkOutcome<T> outcome, Func<T, IResult> ok) => outcome switch
    {
        { Errors: { } errors } => Problems.Validation(errors.ToDictionary(e => e.Key, e => e.Value.Select(m => m.Zh).ToArray())),
        { Status: TaskActionStatus.Ok } => ok(outcome.Value!),
        { Status: TaskActionStatus.NotFound } => Problems.NotFound(outcome.Problem!.Zh),
        { Status: TaskActionStatus.Forbidden } => Problems.Forbidden(outcome.Problem!.Zh),
        { Status: TaskActionStatus.Unprocessable } => Problems.Unprocessable(outcome.Problem!.Zh, "超出法定可延长的期限"),
        _ => Problems.Conflict(outcome.Problem!.Zh),
    };
}
