using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Identity;

/// <summary>
/// <c>Authorization: Bearer &lt;JWT&gt;</c> issued by the identity platform for this API (audience
/// <see cref="OidcSettings.ApiAudience"/>): signed with a key of the platform's JWKS, by its issuer, unexpired. Its
/// claims are read by the same mapping as a platform sign-in on the page, so a script gets exactly the rules its person
/// has there; anything else is a 401 problem, as for this host's own tokens.
/// </summary>
public static class PlatformTokenAuthentication
{
    public const string SchemeName = "PlatformToken";

    /// <summary>Whether a bearer token is a JWT (three base64url parts), rather than one of this host's own tokens.</summary>
    public static bool IsJwt(string token) => token.Count(c => c == '.') == 2 && token.StartsWith("eyJ", StringComparison.Ordinal);

    public static void Configure(JwtBearerOptions options, OidcSettings settings)
    {
        options.Authority = settings.Authority;
        options.Audience = settings.ApiAudience;
        options.RequireHttpsMetadata = !settings.IsLoopback;
        options.MapInboundClaims = false;
        options.TokenValidationParameters.ValidateIssuer = true;
        options.TokenValidationParameters.ValidateAudience = true;
        options.TokenValidationParameters.ValidateLifetime = true;
        options.TokenValidationParameters.ValidAlgorithms = ["RS256", "RS384", "RS512", "PS256", "ES256", "ES384"];
        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = async context =>
            {
                var (user, failure) = PlatformIdentity.Read(context.Principal!, settings);
                if (user is null)
                {
                    context.Fail($"The identity platform's token describes nobody who may sign in here ({failure}).");
                    return;
                }

                var services = context.HttpContext.RequestServices;
                if (!await PlatformIdentity.AdmitAsync(
                    services.GetRequiredService<SessionCheckCache>(), services.GetRequiredService<IDirectoryStore>(), user, context.HttpContext.RequestAborted))
                {
                    context.Fail("An administrator disabled this person's account here.");
                    return;
                }

                context.Principal = PlatformIdentity.Principal(user, SchemeName);
            },
            OnChallenge = async context =>
            {
                context.HandleResponse();
                context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
                await AuthProblems.UnauthorizedAsync(
                    context.Response, "统一身份认证平台的令牌无效、已过期，或不是签发给本系统接口的（受众不符）：请向平台重新取得令牌");
            },
            OnForbidden = context => AuthProblems.ForbiddenAsync(context.Response),
        };
    }
}
