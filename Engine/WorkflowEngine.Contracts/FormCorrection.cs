using System.Text.Json;

namespace WorkflowEngine.Contracts;

/// <summary>One answer of the combined form the applicant corrected (<see cref="ApplicationFormCorrected"/>): the field's key, and its value before and after.</summary>
public sealed record FormCorrection
{
    public required string Key { get; init; }

    /// <summary>The answer before, in the form's stored shape; JSON null when there was none.</summary>
    public required JsonElement Old { get; init; }

    /// <summary>The answer now; JSON null when the applicant cleared it.</summary>
    public required JsonElement New { get; init; }
}
