using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.WebEncoders;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Hosting.Pages;

namespace WorkflowEngine.Hosting;

/// <summary>
/// The web pages (Razor Pages, server-rendered) every host has: the shared pages (layout, sign-in, language switch), the
/// user administration and failed messages of the host's own database, in Chinese by default or English by the
/// visitor's choice, kept in a cookie. Where department tasks are kept, the clerk desk joins these
/// (DepartmentWorkHosting.AddDepartmentWork, in WorkflowEngine.Departments.Web); where the engine runs, its pages do
/// (EnginePages.AddEnginePages, in WorkflowEngine.Hosting).
/// </summary>
public static class PagesHosting
{
    /// <inheritdoc cref="WebPages.AssetsPath"/>
    public const string AssetsPath = WebPages.AssetsPath;

    /// <inheritdoc cref="WebPages.Cultures"/>
    public static IReadOnlyList<CultureInfo> Cultures => WebPages.Cultures;

    public static WebApplicationBuilder AddWorkflowPages(this WebApplicationBuilder builder, PageSets sets)
    {
        builder.Services.AddSingleton(sets);
        builder.Services.AddRazorPages(o =>
            {
                if (!sets.Desk)
                {
                    o.Conventions.AddFolderRouteModelConvention("/Desk", page => page.Selectors.Clear());
                }
            })
            // The pages live in this library (the layout, the language switch, user administration), not in the host's:
            // named here, so that they are found whatever process starts the host (a test runner's included), and no other
            // assembly contributes pages but the desk's (AddDepartmentWork), where tasks are kept, and the engine's
            // (AddEnginePages), where the engine runs.
            .ConfigureApplicationPartManager(manager => manager.AddPart(typeof(WebPages).Assembly));
        builder.Services.AddOptions<PagesOptions>().Bind(builder.Configuration.GetSection("Pages"))
            .Validate(o => o.HasValidPublicBaseUrl, "Pages:PublicBaseUrl is not an absolute http(s) address without query or fragment, such as https://zwfw.example.gov.cn/yjs.")
            .ValidateOnStart();
        // Chinese text as itself, not as numeric character references: readable source, a third of the bytes.
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            options.SupportedCultures = [.. Cultures];
            options.SupportedUICultures = [.. Cultures];
            // Only the visitor's own choice: Chinese is the default even for a browser set to English. A link that names its
            // language (a message to an English applicant) opens the page in it, and CultureCookie keeps that choice.
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider { QueryStringKey = CultureCookie.QueryKey, UIQueryStringKey = CultureCookie.QueryKey },
                new CookieRequestCultureProvider(),
            ];
        });
        return builder;
    }

    public static WebApplication MapWorkflowPages(this WebApplication app)
    {
        // The API speaks one language and formats invariantly; only pages follow the visitor's language.
        app.UseWhen(context => !SecurityHeaders.IsApi(context.Request.Path), pages => pages.UseRequestLocalization().Use(CultureCookie.KeepLinkedAsync));
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
