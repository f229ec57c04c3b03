namespace WorkflowEngine.Hosting.Pages.Public;

/// <summary>
/// A chart of the dashboard and its table: rates (the bars are on-time rates) or volumes (completed counts); its rows
/// named by department or service, or by <paramref name="Months"/> (2026-03), which the table marks as times.
/// </summary>
public sealed record RateFigure(string Id, string Title, string NameHeader, IReadOnlyList<FigureRow> Rows, bool Volumes, bool Months = false);
