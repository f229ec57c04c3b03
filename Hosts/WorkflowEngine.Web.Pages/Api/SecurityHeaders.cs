using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Hosting.Identity;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// The protective headers of every response, errors included. The API serves JSON and files, never pages, so its
/// policy forbids everything a browser could do with a response beyond reading it. Pages get their own policy by path in
/// <see cref="For"/>, the one place it is decided: only this host's own stylesheets, scripts and images, forms posted
/// only to it (the sign-in page also to the identity platform, where one is configured), and still no inline script or
/// style, no framing and no plug-ins. Images may also be <c>blob:</c> URLs: the apply page shows the photos an applicant
/// picked (before anything is sent) as thumbnails from object URLs its own script makes of the chosen files; without it
/// every thumbnail was a broken image.
/// </summary>
public static class SecurityHeaders
{
    private const string PagesPolicy =
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' blob:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>
    /// The API reference (<c>/scalar</c>, Development only): its packaged script configures itself inline and injects its
    /// styles, so that one page may run inline script and style, still only from this host.
    /// </summary>
    private const string ReferencePolicy =
        "default-src 'none'; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private static readonly KeyValuePair<string, string>[] Api =
    [
        new("X-Content-Type-Options", "nosniff"),
        new("X-Frame-Options", "DENY"),
        new("Referrer-Policy", "no-referrer"),
        new("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"),
        new("Cross-Origin-Resource-Policy", "same-origin"),
        // Applications, materials and identities are personal data: no cache along the way keeps a copy.
        new("Cache-Control", "no-store"),
    ];

    private static readonly KeyValuePair<string, string>[] Pages =
    [
        .. Api.Where(h => h.Key != "Content-Security-Policy"),
        new("Content-Security-Policy", PagesPolicy),
    ];

    private static readonly KeyValuePair<string, string>[] Reference =
    [
        .. Api.Where(h => h.Key != "Content-Security-Policy"),
        new("Content-Security-Policy", ReferencePolicy),
    ];

    /// <summary>Where Development serves the API reference page.</summary>
    public const string ReferencePath = "/scalar";

    /// <summary>The paths of the API, its description and the health checks; every other path is a page or a page's file.</summary>
    public static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/health");

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            // Set as the response starts, so that whatever wrote it (an endpoint, the error handler after it cleared the
            // response, the authentication challenge, the rate limiter) the headers are there.
            context.Response.OnStarting(
                static state =>
                {
                    var response = ((HttpContext)state).Response;
                    foreach (var (name, value) in For(response.HttpContext.Request.Path))
                    {
                        response.Headers[name] = value;
                    }

                    // The sign-in page's platform button posts a form that the host answers with a redirect to the
                    // identity platform, and so does the sign-out button on a platform session's pages (to end the
                    // session there too): the browser checks that redirect against form-action.
                    if ((response.HttpContext.Request.Path.StartsWithSegments(SessionCookie.LoginPath, StringComparison.OrdinalIgnoreCase)
                            || OidcSignIn.IsPlatformSession(response.HttpContext.User))
                        && response.HttpContext.RequestServices.GetService<OidcSettings>() is { Configured: true, Origin: { } platform })
                    {
                        response.Headers.ContentSecurityPolicy = PagesPolicy.Replace("form-action 'self'", $"form-action 'self' {platform}", StringComparison.Ordinal);
                    }

                    return Task.CompletedTask;
                },
                context);
            return next(context);
        });

    /// <summary>The headers for a path: the API's, the API reference's, or the pages'.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> For(PathString path) =>
        IsApi(path) ? Api : path.StartsWithSegments(ReferencePath) ? Reference : Pages;
}
