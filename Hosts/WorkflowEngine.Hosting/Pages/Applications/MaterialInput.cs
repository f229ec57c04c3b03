using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Hosting.Pages.Applications;

/// <summary>
/// A material's file input (<c>materials.&lt;key&gt;</c>, id <c>m-&lt;key&gt;</c>) with its messages: the browser offers
/// only the material's formats; the help text above it is <c>m-&lt;key&gt;-help</c>.
/// </summary>
public sealed record MaterialInput(MaterialSpec Material, bool Required, IReadOnlyList<string> Errors)
{
    public string Id => "m-" + Material.Key;

    public string? Accept => Material.Formats.Count > 0 ? string.Join(",", Material.Formats.Select(f => "." + f)) : null;
}
