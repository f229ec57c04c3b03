using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Persistence.Stores;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Identity;

/// <summary>
/// Who the caller is, for every host: a department host's service token, a person's bearer token, or (Development
/// only) the demo header. One policy scheme picks the handler from what the request carries, so every endpoint has the
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
        services.TryAddSingleton<ISignInLog, SqlSignInLog>();
        services.AddSingleton<PasswordSignIn>();
        services.AddSingleton<UserTokens>();
        services.AddSingleton<IdentitySeeding>();
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, null, o => o.ForwardDefaultSelector = SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, DemoHeaderAuthentication>(DemoHeaderAuthentication.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, ServiceTokenAuthentication>(ServiceTokenAuthentication.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, UserTokenAuthentication>(UserTokenAuthentication.SchemeName, null);
        services.AddAuthorization(Policies.Add);
        return builder;
    }

    public static IEndpointRouteBuilder MapWorkflowSignIn(this IEndpointRouteBuilder app) => app.MapSignIn();

    /// <summary>
    /// A bearer token is a department host's when a service account accepts it, else a person's; the demo header is read
    /// only in Development (its handler signs nobody in elsewhere, and answers 401 for a protected endpoint).
    /// </summary>
    private static string SelectScheme(HttpContext context)
    {
        if (ServiceTokenAuthentication.BearerToken(context.Request) is { } token)
        {
            return ServiceTokenAuthentication.Find(context.RequestServices.GetRequiredService<IConfiguration>(), token) is null
                ? UserTokenAuthentication.SchemeName
                : ServiceTokenAuthentication.SchemeName;
        }

        return DemoHeaderAuthentication.SchemeName;
    }
}
