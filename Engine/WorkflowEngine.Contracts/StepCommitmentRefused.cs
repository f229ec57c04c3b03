namespace WorkflowEngine.Contracts;

/// <summary>
/// Engine → department (queue <c>dept.&lt;code&gt;</c>): the engine did not approve the step on the commitment signed at
/// the window (<see cref="StepCompleted.Commitment"/>) and says why — the step offers no commitment, or the signature
/// names another text than the definition's. The step is not decided: the department takes the task back to the clerk
/// who held it. Added in contract version 1 (additive: a department system that sends no signatures never gets it).
/// </summary>
public sealed record StepCommitmentRefused
{
    public int ContractVersion { get; init; } = 1;

    public required Guid ApplicationId { get; init; }

    public required string StepId { get; init; }

    public required int Attempt { get; init; }

    public required string Department { get; init; }

    /// <summary>Why, in the clerk's words.</summary>
    public required string Reason { get; init; }

    /// <summary>The same in English, for a clerk reading the English pages; absent from older engines (show <see cref="Reason"/> then). Added to version 1 (additive).</summary>
    public string? ReasonEn { get; init; }

    public required DateTimeOffset RefusedAt { get; init; }
}
