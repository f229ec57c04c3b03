namespace WorkflowEngine.Core.Model;

/// <summary>One allowed value of a choice field and the label shown for it.</summary>
public sealed record ChoiceOption(string Value, LocalizedText Label);
