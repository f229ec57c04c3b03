using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Identity;

/// <summary>
/// Sign-in through OpenID Connect (authorization code with PKCE, the answer posted to <c>/signin-oidc</c>): the
/// platform's id_token, once its signature, issuer, audience, expiry and nonce hold, is read by
/// <see cref="PlatformIdentity"/> into the same claims a password sign-in gives, so every policy reads them alike; the
/// user is kept in the directory, and the sign-in audited. Whatever fails comes back to the sign-in page with the reason.
/// </summary>
public static class OidcSignIn
{
    public const string SchemeName = "Oidc";

    /// <summary>Marks a session as the platform's: its password, if any, is not ours to check.</summary>
    public const string Provider = "oidc";

    /// <summary>Where the platform sends the browser back to; registered at the platform as the redirect URI.</summary>
    public const string CallbackPath = "/signin-oidc";

    /// <summary>Where the platform sends the browser back to after sign-out; registered at the platform as the post-logout redirect URI.</summary>
    public const string SignedOutCallbackPath = "/signout-callback-oidc";

    public static void Configure(OpenIdConnectOptions options, OidcSettings settings, bool development)
    {
        options.Authority = settings.Authority;
        options.ClientId = settings.ClientId;
        options.ClientSecret = settings.ClientSecret;
        options.RequireHttpsMetadata = !settings.IsLoopback;
        options.CallbackPath = CallbackPath;
        options.ResponseType = "code";
        options.UsePkce = true;
        options.SignInScheme = SessionCookie.SchemeName;
        options.MapInboundClaims = false;
        options.Scope.Clear();
        foreach (var scope in settings.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            options.Scope.Add(scope);
        }

        // The role and department are read from the id_token, which the platform signs; the session keeps only our claims,
        // and of the platform's tokens only the id_token, inside the encrypted session cookie: sign-out hands it back to the
        // platform as id_token_hint. The access and refresh tokens are not kept (SaveTokens would keep them all).
        options.GetClaimsFromUserInfoEndpoint = false;
        options.SaveTokens = false;
        // Sign-out ends the session at the platform too (RP-initiated logout): the platform sends the browser back to
        // SignedOutCallbackPath, registered there as the post-logout redirect URI, and that to the sign-in page.
        options.SignOutScheme = SessionCookie.SchemeName;
        options.SignedOutCallbackPath = SignedOutCallbackPath;
        options.SignedOutRedirectUri = SessionCookie.LoginPath;
        // Like the session cookie: Secure outside Development, where the host is served over HTTPS.
        options.CorrelationCookie.SecurePolicy = SessionCookie.Policy(development);
        options.NonceCookie.SecurePolicy = SessionCookie.Policy(development);
        if (development)
        {
            // A browser drops a SameSite=None cookie that is not Secure, and in Development over HTTP it is not: Lax still
            // comes back with the platform's POST when the platform is on the same site (a provider on this machine).
            options.CorrelationCookie.SameSite = SameSiteMode.Lax;
            options.NonceCookie.SameSite = SameSiteMode.Lax;
        }
        options.Events.OnTokenValidated = context => OnTokenValidatedAsync(context, settings);
        options.Events.OnRemoteFailure = OnRemoteFailureAsync;
        options.Events.OnRedirectToIdentityProviderForSignOut = OnSignOutAtPlatformAsync;
    }

    /// <summary>Whether the session began at the identity platform.</summary>
    public static bool IsPlatformSession(ClaimsPrincipal? user) => user?.FindFirst(ClaimNames.IdentityProvider)?.Value == Provider;

    /// <summary>
    /// A platform that publishes no end_session_endpoint cannot end its session from here: the local session has ended,
    /// and the person goes to the sign-in page, which says so and that the platform's session may still stand.
    /// </summary>
    private static Task OnSignOutAtPlatformAsync(RedirectContext context)
    {
        if (string.IsNullOrEmpty(context.ProtocolMessage.IssuerAddress))
        {
            context.Response.Redirect(SessionCookie.SignedOutHerePath);
            context.HandleResponse();
        }

        return Task.CompletedTask;
    }

    private static async Task OnTokenValidatedAsync(TokenValidatedContext context, OidcSettings settings)
    {
        var (user, failure) = PlatformIdentity.Read(context.Principal!, settings);
        if (user is null)
        {
            // A subject too long to keep is not written to the audit either.
            context.Fail(new PlatformRefusedException(failure!, failure == PlatformFailures.Subject ? "" : context.Principal!.FindFirst("sub")!.Value));
            return;
        }

        var services = context.HttpContext.RequestServices;
        if (await PlatformIdentity.IsDisabledAsync(services.GetRequiredService<IUserAccounts>(), user, context.HttpContext.RequestAborted))
        {
            context.Fail(new PlatformRefusedException(PlatformFailures.Disabled, user.Id[PlatformIdentity.UserIdPrefix.Length..]));
            return;
        }

        await PlatformIdentity.RememberAsync(
            services.GetRequiredService<IDirectoryStore>(), user, context.HttpContext.RequestAborted);
        context.Principal = PlatformIdentity.Principal(user, SessionCookie.SchemeName);
        if ((context.TokenEndpointResponse?.IdToken ?? context.ProtocolMessage?.IdToken) is { Length: > 0 } idToken)
        {
            context.Properties!.StoreTokens([new AuthenticationToken { Name = OpenIdConnectParameterNames.IdToken, Value = idToken }]);
        }

        var signIn = services.GetRequiredService<PasswordSignIn>();
        // The session begins with the sign-in row written here (its own id, not whichever sign-in reads as latest).
        var began = await signIn.RecordAsync(
            SignInEventKinds.Succeeded, user.Id, user.Id, context.HttpContext.Connection.RemoteIpAddress?.ToString(), SignInChannels.Oidc, context.HttpContext.RequestAborted);
        ((ClaimsIdentity)context.Principal.Identity!).AddClaim(new Claim(ClaimNames.SessionBegan, began.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>A refused or broken sign-in: audited, and the person sent back to the sign-in page, which says why.</summary>
    private static async Task OnRemoteFailureAsync(RemoteFailureContext context)
    {
        var code = PlatformFailures.Of(context.Failure);
        var subject = context.Failure is PlatformRefusedException { Subject.Length: > 0 } refused ? PlatformIdentity.UserIdPrefix + refused.Subject : null;
        await context.HttpContext.RequestServices.GetRequiredService<PasswordSignIn>().RecordAsync(
            SignInEventKinds.Failed,
            subject ?? SchemeName,
            null,
            context.HttpContext.Connection.RemoteIpAddress?.ToString(),
            SignInChannels.Oidc,
            context.HttpContext.RequestAborted);
        context.Response.Redirect($"{SessionCookie.LoginPath}?failed={code}");
        context.HandleResponse();
    }
}
