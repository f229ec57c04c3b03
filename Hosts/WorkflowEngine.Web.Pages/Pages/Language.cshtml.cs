using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace WorkflowEngine.Hosting.Pages;

/// <summary>The language switch: keeps the visitor's choice in the culture cookie for a year, then returns to the page.</summary>
public sealed class LanguageModel : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public IActionResult OnPost(string? culture, string? returnUrl)
    {
        var chosen = WebPages.Cultures.FirstOrDefault(c => c.Name == culture) ?? WebPages.Cultures[0];
        CultureCookie.Append(HttpContext, chosen);
        // Only back to a page of this site: the form's return address is the visitor's to change. Without the language a
        // link named (?culture=en), which would otherwise undo the choice just made.
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? CultureCookie.WithoutLinkedCulture(returnUrl) : "/");
    }
}
