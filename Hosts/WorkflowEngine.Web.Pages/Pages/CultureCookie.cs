using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;

namespace WorkflowEngine.Hosting.Pages;

/// <summary>
/// The visitor's chosen language, kept in the culture cookie for a year: set by the language switch, and by a link that
/// names its language (<c>?culture=en</c>, as the e-mails and SMS to an English applicant do), so that the pages after it
/// stay in that language.
/// </summary>
public static class CultureCookie
{
    /// <summary>The query parameter a link names its language with.</summary>
    public const string QueryKey = "culture";

    public static void Append(HttpContext context, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(context);
        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        context.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions
            {
                Expires = time.GetUtcNow().AddYears(1),
                IsEssential = true,
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = context.Request.IsHttps,
            });
    }

    /// <summary>
    /// Keeps the language a page's link names (<see cref="QueryKey"/>, one of <see cref="WebPages.Cultures"/>) as the
    /// visitor's choice; anything else in the query is left to the cookie, as if it were not there.
    /// </summary>
    public static Task KeepLinkedAsync(HttpContext context, Func<Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (HttpMethods.IsGet(context.Request.Method)
            && context.Request.Query[QueryKey].ToString() is { Length: > 0 } named
            && WebPages.Cultures.FirstOrDefault(c => c.Name.Equals(named, StringComparison.OrdinalIgnoreCase)) is { } culture)
        {
            Append(context, culture);
        }

        return next();
    }

    /// <summary>A local address without the language its link named (<see cref="QueryKey"/>); the rest of its query as it was.</summary>
    public static string WithoutLinkedCulture(string localUrl)
    {
        ArgumentNullException.ThrowIfNull(localUrl);
        var queryAt = localUrl.IndexOf('?', StringComparison.Ordinal);
        if (queryAt < 0)
        {
            return localUrl;
        }

        var fragmentAt = localUrl.IndexOf('#', queryAt);
        var query = fragmentAt < 0 ? localUrl[(queryAt + 1)..] : localUrl[(queryAt + 1)..fragmentAt];
        var kept = query.Split('&').Where(p => p.Length > 0 && !p.Split('=')[0].Equals(QueryKey, StringComparison.OrdinalIgnoreCase)).ToArray();
        return localUrl[..queryAt] + (kept.Length > 0 ? "?" + string.Join("&", kept) : "") + (fragmentAt < 0 ? "" : localUrl[fragmentAt..]);
    }
}
