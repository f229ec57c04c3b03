namespace WorkflowEngine.Contracts;

/// <summary>
/// Department → engine (queue <c>engine.reports</c>): the clerk holding the step gave it back to the department's
/// queue. <see cref="ClaimedAt"/> names the claim it ends, so that the engine, which may read the two reports in either
/// order, never lets that claim stand after its release. Added in contract version 1 (additive).
/// </summary>
public sealed record StepReleased
{
    public int ContractVersion { get; init; } = 1;

    public required Guid ApplicationId { get; init; }

    public required string StepId { get; init; }

    public required int Attempt { get; init; }

    public required string Department { get; init; }

    /// <summary>Who gave it back: the clerk, or a supervisor of the department.</summary>
    public required string ReleasedBy { get; init; }

    public required DateTimeOffset ReleasedAt { get; init; }

    /// <summary>When the released claim was made (its <c>StepClaimed.ClaimedAt</c>).</summary>
    public required DateTimeOffset ClaimedAt { get; init; }
}
