using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace WorkflowEngine.Hosting.Identity;

/// <summary>Names the ways to sign in in the OpenAPI document, so that a client generator and a reader know them.</summary>
public sealed class SignInOpenApi : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A person's token from POST /api/auth/token (user name and password), the identity platform's access token for this API (where Authentication:Oidc:ApiAudience is set), or a department host's service token.",
        };
        document.Components.SecuritySchemes["session"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = SessionCookie.Name,
            Description = $"The session cookie of the sign-in page /account/login. A POST, PUT, PATCH or DELETE signed in by it must also send the page's anti-forgery token in the {SessionAntiforgery.HeaderName} header (else 400); scripts use a bearer token.",
        };
        return Task.CompletedTask;
    }
}
