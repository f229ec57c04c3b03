using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Hosting.Configuration;

namespace WorkflowEngine.Hosting.Pages;

/// <summary>
/// A short page written without Razor, for answers given before or instead of a page's own (a post over the submission
/// limit, a form whose anti-forgery token has expired, a form that cannot be read): a heading, a message read out as an alert, and a way back, in
/// the visitor's language read from the cookie the language switch sets, since some run before request localization.
/// </summary>
public static class PlainPage
{
    public static async Task WriteAsync(HttpContext context, string title, string message, string backHref, string backText, CancellationToken cancellationToken, string alertAttributes = "")
    {
        var text = PageText.For(Culture(context.Request));
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
                <link rel="stylesheet" href="{WebPages.AssetsPath}/css/site.css">
            </head>
            <body>
                <header class="site-header"><div class="bar"><a class="site-name" href="{html.Encode(Home(context))}">{html.Encode(text.SiteName)}</a></div></header>
                <main id="main" tabindex="-1">
                    <h1>{html.Encode(title)}</h1>
                    <p role="alert"{alertAttributes}>{html.Encode(message)}</p>
                    <p><a href="{html.Encode(backHref)}">{html.Encode(backText)}</a></p>
                </main>
            </body>
            </html>
            """,
            cancellationToken);
    }

    /// <summary>The host's first page, where the site's name leads, as on the layout (<see cref="PageSets.Home"/>).</summary>
    public static string Home(HttpContext context) => context.RequestServices.GetService<PageSets>()?.Home ?? "/";

    /// <summary>Whether the request is a browser's asking for a page (a link followed, an address typed), not a script's or an asset's.</summary>
    public static bool AcceptsHtml(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);
    }

    /// <summary>The words of the page in the visitor's chosen language.</summary>
    public static PageText Text(HttpRequest request) => PageText.For(Culture(request));

    /// <summary>The visitor's chosen language from the cookie the language switch sets; Chinese without one.</summary>
    private static CultureInfo Culture(HttpRequest request)
    {
        var chosen = request.Cookies.TryGetValue(CookieRequestCultureProvider.DefaultCookieName, out var cookie)
            ? CookieRequestCultureProvider.ParseCookieValue(cookie)?.UICultures.FirstOrDefault().Value
            : null;
        return WebPages.Cultures.FirstOrDefault(c => c.Name == chosen) ?? WebPages.Cultures[0];
    }
}
