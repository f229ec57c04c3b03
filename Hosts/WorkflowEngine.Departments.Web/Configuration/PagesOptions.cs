namespace WorkflowEngine.Hosting.Configuration;

/// <summary>Settings of the web pages (section <c>Pages</c>).</summary>
public sealed class PagesOptions
{
    /// <summary>How often an open public dashboard fetches its figures again, in seconds (at least 1).</summary>
    public int DashboardRefreshSeconds { get; set; } = 30;
}
