namespace WorkflowEngine.Contracts;

/// <summary>
/// One item of a supplement request (补正): a material of the step, and what is wrong with it or missing; or a field of
/// the combined form whose answer the applicant must correct (e.g. the registered address does not match the lease).
/// Exactly one of <see cref="Material"/> and <see cref="Field"/>: the engine ignores (and audits) a request with an item
/// naming both, neither, a material the step does not use, or a field the form does not have.
/// </summary>
public sealed record SupplementItem
{
    /// <summary>The material's key, one of the step's materials (as <see cref="ExecuteStep.Materials"/> lists them); absent on a field's item.</summary>
    public string? Material { get; init; }

    /// <summary>
    /// The key of the form's field to correct (as in <see cref="ExecuteStep.Form"/>); absent on a material's item.
    /// Added to version 1 (additive: with it <see cref="Material"/>, required before, is absent).
    /// </summary>
    public string? Field { get; init; }

    /// <summary>What the applicant must put right, in words they read.</summary>
    public required string Reason { get; init; }
}
