using System.Globalization;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.Extensions.FileProviders;

namespace WorkflowEngine.Hosting;

/// <summary>
/// The pages' common ground, for every host: where the stylesheets and scripts are served from and which files they are,
/// the pages' languages, and how an assembly's pages join a host's.
/// </summary>
public static class WebPages
{
    /// <summary>Where the pages' stylesheet and scripts are served from.</summary>
    public const string AssetsPath = "/assets";

    /// <summary>The languages of the pages; the first is the default, whatever the browser asks for.</summary>
    public static readonly IReadOnlyList<CultureInfo> Cultures = [CultureInfo.GetCultureInfo("zh-CN"), CultureInfo.GetCultureInfo("en")];

    /// <summary>The stylesheets and scripts, embedded in this assembly.</summary>
    public static IFileProvider Assets() => new EmbeddedFileProvider(typeof(WebPages).Assembly, "WorkflowEngine.Web.Pages.wwwroot");

    /// <summary>
    /// Adds an assembly's pages (and views) to the host's, once: named, so that they are found whatever process starts the
    /// host (a test runner's included), and no other assembly contributes pages.
    /// </summary>
    public static void AddPart(this ApplicationPartManager manager, System.Reflection.Assembly assembly)
    {
        foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
        {
            if (!manager.ApplicationParts.Any(p => p.GetType() == part.GetType() && p.Name == part.Name))
            {
                manager.ApplicationParts.Add(part);
            }
        }
    }
}
