namespace WorkflowEngine.Hosting.Pages.Public;

/// <summary>A row of the dashboard: a department, service or month and its steps' figures.</summary>
public sealed record FigureRow(string Name, int Decided, int OnTime, int Late, double? OnTimeRate);
