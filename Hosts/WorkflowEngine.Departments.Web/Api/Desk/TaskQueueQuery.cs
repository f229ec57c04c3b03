namespace WorkflowEngine.Hosting.Api.Desk;

/// <summary>What a clerk asks of a department's queue, as the page's form and the API's query string give it (unchecked: the page as typed, read by <see cref="Paging"/>).</summary>
/// <remarks><see cref="Q"/> is what a clerk typed to find a task: a tracking number, whole or its beginning, or part of the applicant's name.</remarks>
public sealed record TaskQueueQuery(string? Status = null, string? Service = null, int? DueWithin = null, string? Limit = null, string? Offset = null, string? Q = null)
{
    /// <summary>A page's length when the request does not say.</summary>
    public const int DefaultLimit = 50;
}
