using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace WorkflowEngine.Hosting.Identity;

/// <summary>
/// A person's session on the pages: a cookie the browser's scripts cannot read (HttpOnly), sent on no cross-site POST
/// (SameSite=Lax: a link from elsewhere still arrives signed in), and Secure outside Development. It ends after
/// <see cref="SignInSettings.SessionIdleTimeout"/> unused, at sign-out, or when the password changes. The API takes it too,
/// but never redirects: an API request without a session gets a 401 problem, a page request the sign-in page.
/// </summary>
public static class SessionCookie
{
    public const string SchemeName = "Session";
    public const string Name = ".WorkflowEngine.Session";
    public const string LoginPath = "/account/login";

    /// <summary>The sign-in page saying the session here has ended but the identity platform's may not have.</summary>
    public const string SignedOutHerePath = LoginPath + "?signedOut=here";

    /// <summary>Where a platform session that ended here goes when the platform could not be reached to end it there.</summary>
    public const string SignedOutUnreachablePath = LoginPath + "?signedOut=unreachable";

    public static void Configure(CookieAuthenticationOptions options, bool development, SignInSettings settings)
    {
        options.Cookie.Name = Name;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.SecurePolicy = Policy(development);
        options.ExpireTimeSpan = settings.SessionIdleTimeout;
        options.SlidingExpiration = true;
        options.LoginPath = LoginPath;
        options.LogoutPath = "/account/logout";
        options.AccessDeniedPath = "/account/denied";
        options.ReturnUrlParameter = "returnUrl";
        options.Events = new CookieAuthenticationEvents
        {
            OnValidatePrincipal = ValidateAsync,
            OnRedirectToLogin = context => IsApi(context.Request)
                ? AuthProblems.UnauthorizedAsync(context.Response, "登录已失效，请重新登录，或用 POST /api/auth/token 取得令牌")
                : Redirect(context),
            OnRedirectToAccessDenied = context => IsApi(context.Request) ? AuthProblems.ForbiddenAsync(context.Response) : Redirect(context),
        };
    }

    /// <summary>Secure outside Development, where the host is served over HTTPS (or behind a proxy that is).</summary>
    public static CookieSecurePolicy Policy(bool development) => development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

    /// <summary>The API and its documents, which answer with problem details rather than pages.</summary>
    public static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/openapi") || request.Path.StartsWithSegments("/health");

    /// <summary>A session whose password has changed since it began ends here, on its next request.</summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var signIn = context.HttpContext.RequestServices.GetRequiredService<PasswordSignIn>();
        if (context.Principal is not { } principal || !await signIn.IsCurrentAsync(principal, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(SchemeName);
        }
    }

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
