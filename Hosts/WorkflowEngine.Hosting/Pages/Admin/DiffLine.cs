namespace WorkflowEngine.Hosting.Pages.Admin;

/// <summary>One line of a diff: kept, removed (only in the old version) or added (only in the new), with its line numbers.</summary>
public sealed record DiffLine(char Change, int? OldLine, int? NewLine, string Text);
