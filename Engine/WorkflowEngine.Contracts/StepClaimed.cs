namespace WorkflowEngine.Contracts;

/// <summary>Department → engine (queue <c>engine.reports</c>): a clerk took the step.</summary>
public sealed record StepClaimed
{
    public int ContractVersion { get; init; } = 1;

    public required Guid ApplicationId { get; init; }

    public required string StepId { get; init; }

    public required int Attempt { get; init; }

    public required string Department { get; init; }

    public required string ClaimedBy { get; init; }

    public required DateTimeOffset ClaimedAt { get; init; }

    /// <summary>The supervisor who gave the step to <see cref="ClaimedBy"/> (a reassignment); null when the clerk took it. Added to version 1.</summary>
    public string? AssignedBy { get; init; }
}
