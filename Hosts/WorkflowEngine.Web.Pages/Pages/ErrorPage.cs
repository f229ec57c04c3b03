using Microsoft.AspNetCore.Http;
using WorkflowEngine.Hosting.Api;

namespace WorkflowEngine.Hosting.Pages;

/// <summary>
/// What a browser gets where no page answers or a page failed (an address typed or copied wrong, an old bookmark, a
/// method a page does not take, an unexpected error): a <see cref="PlainPage"/> in the visitor's language that says what
/// happened and leads to the host's first page, instead of problem JSON a citizen cannot read. Only for a request that
/// asks for HTML outside the API: the API's callers, the pages' own scripts and missing assets keep their problem details.
/// </summary>
public static class ErrorPage
{
    public static bool IsFor(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return !SecurityHeaders.IsApi(request.Path)
            && !request.Path.StartsWithSegments(WebPages.AssetsPath)
            && PlainPage.AcceptsHtml(request);
    }

    /// <summary>The page for a status no endpoint wrote a body for.</summary>
    public static Task WriteAsync(HttpContext context, int status)
    {
        ArgumentNullException.ThrowIfNull(context);
        var text = PlainPage.Text(context.Request);
        var (title, message) = status switch
        {
            StatusCodes.Status404NotFound => (text.NoPageTitle, text.NoPageMessage),
            >= StatusCodes.Status500InternalServerError => (text.ServerErrorTitle, text.ServerErrorMessage),
            _ => (text.RequestErrorTitle, PageText.Format(text.RequestErrorFormat, status)),
        };
        return WriteAsync(context, title, message);
    }

    /// <summary>The page with its own words (the exception handler's, already in the visitor's language).</summary>
    public static Task WriteAsync(HttpContext context, string title, string message)
    {
        ArgumentNullException.ThrowIfNull(context);
        var text = PlainPage.Text(context.Request);
        var home = PlainPage.Home(context);
        return PlainPage.WriteAsync(context, title, message, home, home == "/" ? text.BackToHome : text.BackToQueue, context.RequestAborted);
    }
}
