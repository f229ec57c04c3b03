using Microsoft.AspNetCore.Http;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Hosting.Api.Desk;

/// <summary>
/// A clerk's outcome as the REST API answers it: the value, 400 with the fields, or 404, 403, 409, 422 with the reason;
/// in Chinese, or in English when the request's Accept-Language puts English first.
/// </summary>
public static class ClerkResults
{
    public static IResult ToResult<T>(this ClerkOutcome<T> outcome, Func<T, IResult> ok) =>
        outcome is { Status: TaskActionStatus.Ok, Invalid: false } ? ok(outcome.Value!) : new Refusal<T>(outcome);

    private static IResult Answer<T>(ClerkOutcome<T> outcome, bool english)
    {
        string Say(ProblemText text) => english ? text.En : text.Zh;
        var detail = outcome.Problem is { } problem ? Say(problem) : "";
        return outcome switch
        {
            { Errors: { } errors } => Problems.Validation(
                errors.ToDictionary(e => e.Key, e => e.Value.Select(Say).ToArray()),
                english ? Problems.Invalid.En : Problems.Invalid.Zh),
            { Status: TaskActionStatus.NotFound } => Results.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: Say(Problems.NotFoundTitle)),
            { Status: TaskActionStatus.Forbidden } => Results.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: Say(Problems.ForbiddenTitle)),
            { Status: TaskActionStatus.Unprocessable } => Problems.Unprocessable(detail, english ? "Beyond the extension allowed by law" : "超出法定可延长的期限"),
            _ => english
                ? Results.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "The task's state does not allow this")
                : Problems.Conflict(detail),
        };
    }

    /// <summary>The refusal, put into words when it is answered: only then is the request's language known.</summary>
    private sealed class Refusal<T>(ClerkOutcome<T> outcome) : IResult
    {
        public Task ExecuteAsync(HttpContext context) => Answer(outcome, RequestLanguage.PrefersEnglish(context.Request)).ExecuteAsync(context);
    }
}
