namespace WorkflowEngine.Core.Model;

/// <summary>A field of the combined application form (一表申请).</summary>
public sealed record FormField
{
    public required string Key { get; init; }

    public required LocalizedText Label { get; init; }

    public required FieldType Type { get; init; }

    public bool Required { get; init; }

    public LocalizedText? Help { get; init; }

    /// <summary>Text: the least and most characters.</summary>
    public int? MinLength { get; init; }

    public int? MaxLength { get; init; }

    /// <summary>Text: a regular expression the whole value must match.</summary>
    public string? Pattern { get; init; }

    /// <summary>Number and money: the smallest and largest value.</summary>
    public decimal? Min { get; init; }

    public decimal? Max { get; init; }

    /// <summary>Date: the earliest and latest day, ISO 8601; <c>today</c> means the submission day in Asia/Shanghai.</summary>
    public string? MinDate { get; init; }

    public string? MaxDate { get; init; }

    /// <summary>Choice: the allowed values.</summary>
    public IReadOnlyList<ChoiceOption> Options { get; init; } = [];

    /// <summary>Choice: more than one value may be chosen.</summary>
    public bool Multiple { get; init; }
}
