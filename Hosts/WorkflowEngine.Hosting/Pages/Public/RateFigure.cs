namespace WorkflowEngine.Hosting.Pages.Public;

/// <summary>A chart of the dashboard and its table: rates (the bars are on-time rates) or volumes (completed counts).</summary>
public sealed record RateFigure(string Id, string Title, string NameHeader, IReadOnlyList<FigureRow> Rows, bool Volumes);
