namespace WorkflowEngine.Contracts;

/// <summary>How the definition labels one field of the combined form, so that a department shows the form as the applicant saw it.</summary>
public sealed record FormFieldLabel
{
    /// <summary>The field's key in <see cref="ExecuteStep.Form"/>.</summary>
    public required string Key { get; init; }

    /// <summary>The label in Chinese.</summary>
    public required string Label { get; init; }

    /// <summary>The label in English, where the definition gives one.</summary>
    public string? LabelEn { get; init; }
}
