namespace WorkflowEngine.Core.Model;

/// <summary>
/// How many supplement requests (补正) a step may have when its definition says nothing: the number the engine's
/// definitions and the department side (for a step sent without <c>maxSupplementRequests</c>) count with alike.
/// </summary>
public static class SupplementRequests
{
    /// <summary>One request as the law wants it, and one more a supervisor may allow for what came to light later.</summary>
    public const int DefaultMax = 2;
}
