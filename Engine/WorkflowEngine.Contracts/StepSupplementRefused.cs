namespace WorkflowEngine.Contracts;

/// <summary>
/// Engine → department (queue <c>dept.&lt;code&gt;</c>): the engine refused the department's
/// <see cref="StepSupplementRequested"/> <see cref="RequestId"/> and says why — past the window after receipt
/// (<see cref="ExecuteStep.SupplementBy"/>) without a supervisor's approval, a further request without one, approved by
/// the clerk who asked, past <see cref="ExecuteStep.MaxSupplementRequests"/>, or while the clock stood still. The
/// applicant was not asked and the step's clock runs on. Added in contract version 1 (additive: a department system
/// that does not know it may ignore it).
/// </summary>
public sealed record StepSupplementRefused
{
    public int ContractVersion { get; init; } = 1;

    public required Guid ApplicationId { get; init; }

    public required string StepId { get; init; }

    public required int Attempt { get; init; }

    public required string Department { get; init; }

    /// <summary>The <see cref="StepSupplementRequested.RequestId"/> refused.</summary>
    public required Guid RequestId { get; init; }

    /// <summary>The <see cref="StepSupplementRequested.RequestedAt"/> of the request refused.</summary>
    public required DateTimeOffset RequestedAt { get; init; }

    /// <summary>Why, in the clerk's words.</summary>
    public required string Reason { get; init; }

    public required DateTimeOffset RefusedAt { get; init; }
}
