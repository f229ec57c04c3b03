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

    /// <summary>For a choice field, how each allowed value is labelled (a department shows 有限责任公司, not <c>llc</c>); else absent.</summary>
    public IReadOnlyList<FormOptionLabel>? Options { get; init; }
}

/// <summary>One allowed value of a choice field and its labels.</summary>
public sealed record FormOptionLabel
{
    public required string Value { get; init; }

    public required string Label { get; init; }

    public string? LabelEn { get; init; }
}
