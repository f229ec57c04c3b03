using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Definitions;

namespace WorkflowEngine.Hosting.Pages.Applications;

/// <summary>
/// The receipt (回执) after submitting: the tracking number, the promised and statutory due times of the whole bundle in
/// working time (Asia/Shanghai), what is still to supply, and the way to the progress page.
/// </summary>
[Authorize(Policy = Policies.ApplicantPages)]
public sealed class ReceiptModel(ApplicationViews views, DefinitionRegistry definitions) : PageModel
{
    public SubmittedDto? Receipt { get; private set; }

    public WorkflowDefinition? Service { get; private set; }

    /// <summary>A material's name in the visitor's language.</summary>
    public string MaterialName(string key) =>
        Service?.Materials.FirstOrDefault(m => m.Key == key) is { } spec ? PageText.Current.Of(spec.Name) : key;

    public async Task OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await views.VisibleAsync(id, User, cancellationToken) is not { } application)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await views.RecordViewAsync(application, User, ApplicationViews.ViaReceipt, cancellationToken);
        Receipt = await views.SubmittedAsync(application, PageText.Current.IsEnglishText, cancellationToken);
        Service = await definitions.GetAsync(application.ServiceId, application.ServiceVersion, cancellationToken);
    }
}
