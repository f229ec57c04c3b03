using System.Text.Json.Nodes;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// One item a supplement request asks for: a material (its key, the upload's field name), or a field of the form to
/// correct (<see cref="Field"/>, its key in the <c>form</c> field of the upload, with the <see cref="Answer"/> it has now);
/// its name, and what to put right.
/// </summary>
public sealed record SupplementItemDto(string? Material, string Name, string Reason)
{
    /// <summary>The key of the form's field to correct; null on a material's item.</summary>
    public string? Field { get; init; }

    /// <summary>A field's answer as it now stands (null when it has none); absent on a material's item.</summary>
    public JsonNode? Answer { get; init; }
}
