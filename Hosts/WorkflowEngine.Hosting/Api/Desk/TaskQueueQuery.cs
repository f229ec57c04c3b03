namespace WorkflowEngine.Hosting.Api.Desk;

/// <summary>What a clerk asks of a department's queue, as the page's form and the API's query string give it (unchecked).</summary>
public sealed record TaskQueueQuery(string? Status = null, string? Service = null, int? DueWithin = null, int? Limit = null, int? Offset = null)
{
    /// <summary>A page's length when the request does not say.</summary>
    public const int DefaultLimit = 50;
}
