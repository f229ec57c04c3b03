using System.Text.Json;

namespace WorkflowEngine.Contracts;

/// <summary>One answer of the combined form, as <see cref="ExecuteStep.Form"/> holds it: the field's key and its value.</summary>
public sealed record FormAnswer
{
    public required string Key { get; init; }

    /// <summary>The answer in the form's stored (normalised) shape; JSON null when the applicant cleared it.</summary>
    public required JsonElement Value { get; init; }
}
