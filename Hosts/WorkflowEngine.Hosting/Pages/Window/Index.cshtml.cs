using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Definitions;

namespace WorkflowEngine.Hosting.Pages.Window;

/// <summary>The window's 受理台: the published bundled services, each to take in for a citizen who walked in.</summary>
[Authorize(Policy = Policies.Window)]
public sealed class IndexModel(DefinitionRegistry registry) : PageModel
{
    public IReadOnlyList<WorkflowDefinition> Services { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Services = await registry.ListLatestPublishedAsync(cancellationToken);
}
