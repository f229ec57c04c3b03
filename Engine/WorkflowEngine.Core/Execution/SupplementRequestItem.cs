using System.Diagnostics.CodeAnalysis;

namespace WorkflowEngine.Core.Execution;

/// <summary>
/// One item of a supplement request: a material and what the applicant must put right, or a field of the combined form
/// (<see cref="Field"/>, with <see cref="Material"/> null) whose answer the applicant must correct.
/// </summary>
public sealed record SupplementRequestItem(string? Material, string Reason)
{
    /// <summary>The key of the form's field to correct; null on a material's item.</summary>
    public string? Field { get; init; }

    /// <summary>Whether the item asks for a material (else a field).</summary>
    [MemberNotNullWhen(true, nameof(Material))]
    public bool IsMaterial => Material is not null;
}
