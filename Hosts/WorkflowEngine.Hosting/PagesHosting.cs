using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.WebEncoders;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Configuration;

namespace WorkflowEngine.Hosting;

/// <summary>
/// The web pages (Razor Pages, server-rendered): the applicants' catalogue and one-time notices and the public
/// dashboard, in Chinese by default or English by the visitor's choice, kept in a cookie.
/// </summary>
public static class PagesHosting
{
    /// <inheritdoc cref="WebPages.AssetsPath"/>
    public const string AssetsPath = WebPages.AssetsPath;

    /// <inheritdoc cref="WebPages.Cultures"/>
    public static IReadOnlyList<CultureInfo> Cultures => WebPages.Cultures;

    /// <summary>
    /// The folders of pages that read the engine's data (definitions, applications, statistics, incidents, and the
    /// extensions of applications' limits that supervisors ask for and decide).
    /// </summary>
    private static readonly string[] EngineFolders = ["/Services", "/Public", "/Applications", "/Admin", "/Supervision"];

    public static WebApplicationBuilder AddWorkflowPages(this WebApplicationBuilder builder, PageSets sets)
    {
        builder.Services.AddSingleton(sets);
        builder.Services.AddRazorPages(o =>
            {
                // The pages that take files read a multipart body up to the upload bound, as the API's uploads do, and their
                // posts (submitting, uploading, supplying supplements) count against the API's submission limit.
                foreach (var page in (string[])["/Services/Apply", "/Applications/Tracking"])
                {
                    o.Conventions.AddPageApplicationModelConvention(page, model =>
                    {
                        model.EndpointMetadata.Add(BodyRule.Multipart);
                        model.EndpointMetadata.Add(FormTextJudged.Instance);
                        model.EndpointMetadata.Add(new EnableRateLimitingAttribute(ApplicationsEndpoints.SubmissionsPolicy));
                    });
                }

                // The apply page's check of the answers as they are typed: a form without files, at the bound of a JSON
                // body. It takes only the limit of every request, not the submissions': a check is made at every field left.
                o.Conventions.AddPageApplicationModelConvention("/Services/ApplyCheck", model =>
                {
                    model.EndpointMetadata.Add(BodyRule.Form);
                    model.EndpointMetadata.Add(FormTextJudged.Instance);
                });

                // The definition editor posts a definition's text, held to the API's bound for definitions.
                o.Conventions.AddPageApplicationModelConvention("/Admin/Edit", model => model.EndpointMetadata.Add(BodyRule.DefinitionForm));

                if (sets.Engine)
                {
                    // Window staff follow and act on a walk-in's application at an address of their own.
                    o.Conventions.AddPageRoute("/Applications/Tracking", Pages.Applications.TrackingModel.WindowPath.TrimStart('/') + "/{id:guid}");
                }
                else
                {
                    o.Conventions.AddPageRouteModelConvention("/Index", page => page.Selectors.Clear());
                    foreach (var folder in EngineFolders)
                    {
                        o.Conventions.AddFolderRouteModelConvention(folder, page =>
                        {
                            if (!(sets.Users && PageSets.UserPages.Contains(page.ViewEnginePath)) && !PageSets.HostPages.Contains(page.ViewEnginePath))
                            {
                                page.Selectors.Clear();
                            }
                        });
                    }
                }

                if (!sets.Desk)
                {
                    o.Conventions.AddFolderRouteModelConvention("/Desk", page => page.Selectors.Clear());
                }
            })
            // The pages live in this assembly and the shared pages' library (the layout, the language switch), not in the
            // host's: named here, so that they are found whatever process starts the host (a test runner's included), and no
            // other assembly contributes pages.
            .ConfigureApplicationPartManager(manager =>
            {
                manager.AddPart(typeof(WebPages).Assembly);
                manager.AddPart(typeof(PagesHosting).Assembly);
            });
        builder.Services.Configure<PagesOptions>(builder.Configuration.GetSection("Pages"));
        // Chinese text as itself, not as numeric character references: readable source, a third of the bytes.
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            options.SupportedCultures = [.. Cultures];
            options.SupportedUICultures = [.. Cultures];
            // Only the visitor's own choice: Chinese is the default even for a browser set to English.
            options.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        return builder;
    }

    public static WebApplication MapWorkflowPages(this WebApplication app)
    {
        // The API speaks one language and formats invariantly; only pages follow the visitor's language.
        app.UseWhen(context => !SecurityHeaders.IsApi(context.Request.Path), pages => pages.UseRequestLocalization());
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = AssetsPath,
            FileProvider = WebPages.Assets(),
        });
        // The pages are mapped once, by MapWorkflowSignIn, which every host calls (a department host has the sign-in
        // page but not these): mapping them twice would make every page an ambiguous match.
        return app;
    }
}
