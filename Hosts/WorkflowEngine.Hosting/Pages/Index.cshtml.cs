using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Runtime.Definitions;

namespace WorkflowEngine.Hosting.Pages;

/// <summary>The catalogue of bundled services an applicant can start, each with its limits and its one-time notice.</summary>
public sealed class IndexModel(DefinitionRegistry registry) : PageModel
{
    public IReadOnlyList<WorkflowDefinition> Services { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Services = await registry.ListLatestPublishedAsync(cancellationToken);
}
