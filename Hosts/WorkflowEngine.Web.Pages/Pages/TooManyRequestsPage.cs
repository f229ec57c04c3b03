using Microsoft.AspNetCore.Http;

namespace WorkflowEngine.Hosting.Pages;

/// <summary>
/// What a person sees when a page's form post is over the submission limit: a readable page in their language with
/// the wait, instead of the API's problem JSON. Written by the rate limiter, which runs before request localization
/// and before the pages, so it needs nothing of Razor.
/// </summary>
public static class TooManyRequestsPage
{
    public static Task WriteAsync(HttpContext context, int seconds, CancellationToken cancellationToken)
    {
        var text = PlainPage.Text(context.Request);
        return PlainPage.WriteAsync(
            context, text.TooManyRequestsTitle, PageText.Format(text.TooManyRequestsFormat, seconds), context.Request.Path.Value ?? "/", text.Back, cancellationToken);
    }
}
