namespace WorkflowEngine.Contracts;

/// <summary>
/// Department → engine (queue <c>engine.reports</c>): the department holds the step (a task is in its clerks' queue).
/// It is the acknowledgement the engine waits for: a step it hears nothing about is sent again.
/// </summary>
public sealed record StepReceived
{
    public int ContractVersion { get; init; } = 1;

    public required Guid ApplicationId { get; init; }

    public required string StepId { get; init; }

    public required int Attempt { get; init; }

    public required string Department { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }
}
