using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Pages;

namespace WorkflowEngine.Hosting.Identity;

/// <summary>
/// The web layer's part of the sign-in that <see cref="SignInHosting"/> (in WorkflowEngine.Hosting.Identity) sets up:
/// its endpoints, its pages (which live in WorkflowEngine.Web.Pages), and what the OpenAPI document says of each
/// operation's sign-in.
/// </summary>
public static class SignInWebHosting
{
    public static WebApplicationBuilder AddSignInWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<Microsoft.AspNetCore.OpenApi.OpenApiOptions>("v1", o => o.AddDocumentTransformer<SignInOpenApi>().AddOperationTransformer<OperationOpenApi>());
        // The sign-in pages under Pages/Account (in WorkflowEngine.Web.Pages), in every host; AddWorkflowPages() adds the
        // same assemblies' parts only once. A form posted from a tab opened before signing in or out elsewhere is told so
        // on a page, not with problem JSON.
        services.AddRazorPages(o => o.Conventions.ConfigureFilter(new ExpiredFormFilter())).ConfigureApplicationPartManager(parts =>
        {
            parts.AddPart(typeof(WebPages).Assembly);
            parts.AddPart(typeof(SignInWebHosting).Assembly);
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapWorkflowSignIn(this IEndpointRouteBuilder app)
    {
        app.MapSignIn();
        // Every Razor page of this assembly, once: the sign-in pages, and in the engine hosts the public pages too.
        app.MapRazorPages();
        return app;
    }
}
