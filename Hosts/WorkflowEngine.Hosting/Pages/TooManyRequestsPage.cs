using Microsoft.AspNetCore.Http;

namespace WorkflowEngine.Hosting.Pages;

/// <summary>
/// What a person sees when a page's form post is over the submission limit: a readable page in their language with
/// the wait, instead of the API's problem JSON. Written by the rate limiter (<see cref="RequestProblemPage"/>).
/// </summary>
public static class TooManyRequestsPage
{
    public static Task WriteAsync(HttpContext context, int seconds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var text = RequestProblemPage.TextFor(context.Request);
        return RequestProblemPage.WriteAsync(context, text, text.TooManyRequestsTitle, PageText.Format(text.TooManyRequestsFormat, seconds), "", cancellationToken);
    }
}
