namespace WorkflowEngine.Hosting.Pages.Public;

/// <summary>One bar of a chart: what it stands for, its length, and the figure written beside it.</summary>
public sealed record ChartBar(string Label, double Value, string ValueText);
