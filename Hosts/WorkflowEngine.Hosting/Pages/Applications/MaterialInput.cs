using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Hosting.Pages.Applications;

/// <summary>
/// A material's file input (<c>materials.&lt;key&gt;</c>, id <c>m-&lt;key&gt;</c>) with its messages: the browser offers
/// only the material's formats, and the page's script refuses a file of another format, an empty one or one over
/// <see cref="MaxBytes"/> (the store's own limit) as it is chosen; the help text above it is <c>m-&lt;key&gt;-help</c>.
/// </summary>
public sealed record MaterialInput(MaterialSpec Material, bool Required, IReadOnlyList<string> Errors, long MaxBytes)
{
    public string Id => "m-" + Material.Key;

    /// <summary>The limit in MB as the messages give it.</summary>
    public string MaxMb => (MaxBytes / 1024d / 1024d).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    public string? Accept => Material.Formats.Count > 0 ? string.Join(",", Material.Formats.Select(f => "." + f)) : null;
}
