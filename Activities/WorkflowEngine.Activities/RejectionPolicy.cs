namespace WorkflowEngine.Activities;

/// <summary>What a rejected branch does to its still-running siblings.</summary>
public enum RejectionPolicy
{
    /// <summary>Once the join can no longer be met, running siblings are recalled (their departments receive a cancellation).</summary>
    CancelSiblings,

    /// <summary>Siblings run to their end; the block is rejected when the last one finishes.</summary>
    Continue,
}
