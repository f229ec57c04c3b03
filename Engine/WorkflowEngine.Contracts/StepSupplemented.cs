namespace WorkflowEngine.Contracts;

/// <summary>
/// Engine → department (queue <c>dept.&lt;code&gt;</c>): the applicant supplied every item of the step's supplement
/// request: <see cref="Materials"/> are the new versions, which the step's decision is now taken on. The step's clock
/// runs again (a <see cref="StepDueChanged"/> follows). Added in contract version 1 (additive).
/// </summary>
public sealed record StepSupplemented
{
    public int ContractVersion { get; init; } = 1;

    public required Guid ApplicationId { get; init; }

    public required string StepId { get; init; }

    public required int Attempt { get; init; }

    public required string Department { get; init; }

    public required Guid RequestId { get; init; }

    public required IReadOnlyList<MaterialVersion> Materials { get; init; }

    public required DateTimeOffset SuppliedAt { get; init; }
}
