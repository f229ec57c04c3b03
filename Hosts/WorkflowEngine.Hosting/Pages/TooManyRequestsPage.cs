using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;

namespace WorkflowEngine.Hosting.Pages;

/// <summary>
/// What a person sees when a page's form post is over the submission limit: a readable page in their language with
/// the wait, instead of the API's problem JSON. Written by the rate limiter, which runs before request localization
/// and before the pages, so it reads the language cookie itself and needs nothing of Razor.
/// </summary>
public static class TooManyRequestsPage
{
    public static async Task WriteAsync(HttpContext context, int seconds, CancellationToken cancellationToken)
    {
        var text = PageText.For(Culture(context.Request));
        var html = HtmlEncoder.Default;
        var message = PageText.Format(text.TooManyRequestsFormat, seconds);
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(
            $"""
            <!DOCTYPE html>
            <html lang="{html.Encode(text.Language)}">
            <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>{html.Encode(text.TooManyRequestsTitle)} · {html.Encode(text.SiteName)}</title>
                <link rel="stylesheet" href="{PagesHosting.AssetsPath}/css/site.css">
            </head>
            <body>
                <header class="site-header"><div class="bar"><a class="site-name" href="/">{html.Encode(text.SiteName)}</a></div></header>
                <main id="main">
                    <h1>{html.Encode(text.TooManyRequestsTitle)}</h1>
                    <p role="alert">{html.Encode(message)}</p>
                    <p><a href="{html.Encode(context.Request.Path.Value ?? "/")}">{html.Encode(text.Back)}</a></p>
                </main>
            </body>
            </html>
            """,
            cancellationToken);
    }

    /// <summary>The visitor's chosen language from the cookie the language switch sets; Chinese without one.</summary>
    private static CultureInfo Culture(HttpRequest request)
    {
        var chosen = request.Cookies.TryGetValue(CookieRequestCultureProvider.DefaultCookieName, out var cookie)
            ? CookieRequestCultureProvider.ParseCookieValue(cookie)?.UICultures.FirstOrDefault().Value
            : null;
        return PagesHosting.Cultures.FirstOrDefault(c => c.Name == chosen) ?? PagesHosting.Cultures[0];
    }
}
