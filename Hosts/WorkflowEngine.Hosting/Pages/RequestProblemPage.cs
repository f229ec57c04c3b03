using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;

namespace WorkflowEngine.Hosting.Pages;

/// <summary>
/// A readable page in the visitor's language for a page's form post refused before any page runs (too many
/// submissions, a form that cannot be read), instead of the API's problem JSON. Written by middleware that runs before
/// request localization and before the pages, so it reads the language cookie itself and needs nothing of Razor.
/// </summary>
public static class RequestProblemPage
{
    /// <summary>Writes the page with <paramref name="title"/> and the <paramref name="message"/> as its alert; attributes (already encoded) go on the alert.</summary>
    public static async Task WriteAsync(HttpContext context, PageText text, string title, string message, string attributes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(text);
        var html = HtmlEncoder.Default;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(
            $"""
            <!DOCTYPE html>
            <html lang="{html.Encode(text.Language)}">
            <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>{html.Encode(title)} · {html.Encode(text.SiteName)}</title>
                <link rel="stylesheet" href="{PagesHosting.AssetsPath}/css/site.css">
            </head>
            <body>
                <header class="site-header"><div class="bar"><a class="site-name" href="/">{html.Encode(text.SiteName)}</a></div></header>
                <main id="main">
                    <h1>{html.Encode(title)}</h1>
                    <p role="alert"{attributes}>{html.Encode(message)}</p>
                    <p><a href="{html.Encode(context.Request.Path.Value ?? "/")}">{html.Encode(text.Back)}</a></p>
                </main>
            </body>
            </html>
            """,
            cancellationToken);
    }

    /// <summary>The visitor's chosen language from the cookie the language switch sets; Chinese without one.</summary>
    public static PageText TextFor(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var chosen = request.Cookies.TryGetValue(CookieRequestCultureProvider.DefaultCookieName, out var cookie)
            ? CookieRequestCultureProvider.ParseCookieValue(cookie)?.UICultures.FirstOrDefault().Value
            : null;
        return PageText.For(PagesHosting.Cultures.FirstOrDefault(c => c.Name == chosen) ?? PagesHosting.Cultures[0]);
    }
}
