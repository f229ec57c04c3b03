namespace WorkflowEngine.Hosting.Pages.Admin;

/// <summary>One input of an admin form: its property name (whose camel case is the input's id and name), label, type and value.</summary>
public sealed record AdminField(string Name, string Label, string Type, string? Value);
