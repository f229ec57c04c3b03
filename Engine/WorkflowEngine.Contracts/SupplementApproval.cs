namespace WorkflowEngine.Contracts;

/// <summary>
/// A supervisor's approval of a further supplement request (补正) on a step that had one already, or one asked after
/// the window: the law wants every item told at once, so a second request is the exception and is recorded with who
/// allowed it and why the items were not in the first. Added in contract version 1 (additive).
/// </summary>
public sealed record SupplementApproval
{
    /// <summary>The supervisor of the department who approved it; never the clerk who asked.</summary>
    public required string ApprovedBy { get; init; }

    public required DateTimeOffset ApprovedAt { get; init; }

    /// <summary>The clerk's reason why these items were not in the first request.</summary>
    public required string Reason { get; init; }

    /// <summary>The supervisor's words with the approval, optional.</summary>
    public string? Decision { get; init; }
}
