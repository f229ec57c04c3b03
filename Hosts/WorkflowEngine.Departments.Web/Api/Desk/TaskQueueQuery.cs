namespace WorkflowEngine.Hosting.Api.Desk;

/// <summary>What a clerk asks of a department's queue, as the page's form and the API's query string give it (unchecked: the page as typed, read by <see cref="Paging"/>).</summary>
public sealed record TaskQueueQuery(string? Status = null, string? Service = null, int? DueWithin = null, string? Limit = null, string? Offset = null)
{
    /// <summary>A page's length when the request does not say.</summary>
    public const int DefaultLimit = 50;
}
