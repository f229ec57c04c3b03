namespace WorkflowEngine.Contracts;

/// <summary>Engine → department: a step dispatched earlier is no longer needed (a parallel sibling was rejected, or the join was met).</summary>
public sealed record CancelStep
{
    public int ContractVersion { get; init; } = 1;

    public required Guid ApplicationId { get; init; }

    public required string StepId { get; init; }

    public required int Attempt { get; init; }

    public required string Department { get; init; }

    public required string Reason { get; init; }

    /// <summary>
    /// <see cref="Reason"/> in English, for a department's English pages (words a person typed stay as typed). Added to
    /// version 1; absent from older engines, and then a department shows the Chinese.
    /// </summary>
    public string? ReasonEn { get; init; }

    public required DateTimeOffset CancelledAt { get; init; }
}
