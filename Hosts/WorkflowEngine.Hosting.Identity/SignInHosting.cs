using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkflowEngine.Persistence.Stores;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Identity;

/// <summary>
/// Who the caller is, for every host: a department host's service token, a person's bearer token (this host's, or the
/// identity platform's), a person's page
/// session, or (Development only) the demo header. One policy scheme picks the handler from what the request carries, so every endpoint has the
/// same policies whichever way its caller signed in.
/// </summary>
public static class SignInHosting
{
    private const string Scheme = "Workflow";

    public static WebApplicationBuilder AddWorkflowSignIn(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection("Identity");
        services.Configure<SignInSettings>(section);
        var settings = section.Get<SignInSettings>() ?? new SignInSettings();
        // One application name, so that the engine processes sharing a key folder accept each other's tokens.
        var protection = services.AddDataProtection().SetApplicationName("WorkflowEngine");
        if (!string.IsNullOrWhiteSpace(settings.KeysPath))
        {
            protection.PersistKeysToFileSystem(new DirectoryInfo(settings.KeysPath));
        }

        services.TryAddSingleton<ICredentialStore, SqlCredentialStore>();
        services.TryAddSingleton<IUnknownNameLockouts, SqlUnknownNameLockouts>();
        services.TryAddSingleton<ISignInLog, SqlSignInLog>();
        services.TryAddSingleton<IUserAccounts, SqlUserAccounts>();
        services.TryAddSingleton<IAccountStandings, SqlAccountStandings>();
        services.AddSingleton<SessionCheckCache>();
        // Every committed change of what the session check reads forgets the account there, whoever writes it.
        services.DecorateForSessionChecks<ICredentialStore>((inner, checks) => new SessionCheckedCredentialStore(inner, checks));
        services.DecorateForSessionChecks<IUserAccounts>((inner, checks) => new SessionCheckedUserAccounts(inner, checks));
        services.DecorateForSessionChecks<ISignInLog>((inner, checks) => new SessionCheckedSignInLog(inner, checks));
        services.TryAddSingleton<IAdminAudit, SqlAdminAudit>();
        services.TryAddSingleton<IDepartmentEntries, SqlDepartmentEntries>();
        // Every role and department, unless the host has said which it serves (a department host).
        services.TryAddSingleton(UserScope.Everyone);
        // Unless the host offers applicants' registration (the engine host), the sign-in page links to none.
        services.TryAddSingleton(SelfRegistrationAvailability.NotOffered);
        services.AddSingleton<UserAdministration>();
        services.AddSingleton<PasswordSignIn>();
        services.AddSingleton<UserTokens>();
        services.AddSingleton<IdentitySeeding>();
        // Department hosts' accounts at the engine, bound once (and at a reload), not at every request with a token.
        services.Configure<List<ServiceAccount>>(builder.Configuration.GetSection("ServiceAccounts"));
        services.AddSingleton<ServiceAccountDirectory>();
        var authentication = services.AddAuthentication(Scheme);
        authentication
            .AddPolicyScheme(Scheme, null, o => o.ForwardDefaultSelector = SchemeFor)
            .AddScheme<AuthenticationSchemeOptions, DemoHeaderAuthentication>(DemoHeaderAuthentication.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, ServiceTokenAuthentication>(ServiceTokenAuthentication.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, UserTokenAuthentication>(UserTokenAuthentication.SchemeName, null)
            .AddCookie(SessionCookie.SchemeName, o => SessionCookie.Configure(o, builder.Environment.IsDevelopment(), settings));
        // The identity platform only where a deployment configures it: the sign-in page then offers it.
        var oidc = builder.Configuration.GetSection("Authentication:Oidc").Get<OidcSettings>() ?? new OidcSettings();
        services.AddSingleton(oidc);
        if ((oidc.Configured || oidc.AcceptsPlatformTokens) && oidc.Problem() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        if (oidc.Configured)
        {
            authentication.AddOpenIdConnect(OidcSignIn.SchemeName, oidc.DisplayName, o => OidcSignIn.Configure(o, oidc, builder.Environment.IsDevelopment()));
        }

        // And its access tokens on the API, where the deployment names the audience they are issued for.
        if (oidc.AcceptsPlatformTokens)
        {
            authentication.AddJwtBearer(PlatformTokenAuthentication.SchemeName, o => PlatformTokenAuthentication.Configure(o, oidc));
        }

        services.AddAuthorization(Policies.Add);
        // The anti-forgery cookie proves nothing alone, so it may travel as the request did: with Always, ASP.NET Core
        // refuses to render any form over plain HTTP (500), where the sign-in page should rather say nothing worse than
        // that the Secure session cookie will not come back.
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        return builder;
    }

    /// <summary>
    /// A bearer token is a department host's when a service account accepts it, else a person's: the identity platform's
    /// when it is a JWT and the platform's tokens are accepted, else one of this host's own. The demo header is read
    /// only in Development (its handler signs nobody in elsewhere, and answers 401 for a protected endpoint).
    /// </summary>
    public static string SchemeFor(HttpContext context)
    {
        if (ServiceTokenAuthentication.BearerToken(context.Request) is { } token)
        {
            if (context.RequestServices.GetRequiredService<ServiceAccountDirectory>().Find(token) is not null)
            {
                return ServiceTokenAuthentication.SchemeName;
            }

            return PlatformTokenAuthentication.IsJwt(token) && context.RequestServices.GetRequiredService<OidcSettings>().AcceptsPlatformTokens
                ? PlatformTokenAuthentication.SchemeName
                : UserTokenAuthentication.SchemeName;
        }

        if (context.Request.Headers.ContainsKey(DemoHeaderAuthentication.Header))
        {
            return DemoHeaderAuthentication.SchemeName;
        }

        // Without a session, the API answers as it always has (401, and in Development how to use the demo header);
        // a page sends the browser to the sign-in page.
        return context.Request.Cookies.ContainsKey(SessionCookie.Name) || !SessionCookie.IsApi(context.Request)
            ? SessionCookie.SchemeName
            : DemoHeaderAuthentication.SchemeName;
    }
}
